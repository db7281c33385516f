using System.Globalization;
using System.Text.RegularExpressions;

namespace LocalDapr.Resiliency;

/// <summary>
/// A circuit breaker's <c>trip</c> expression: the part of CEL daprd's examples use — comparisons of <c>requests</c>,
/// <c>totalSuccesses</c>, <c>totalFailures</c>, <c>consecutiveSuccesses</c> or <c>consecutiveFailures</c> with a whole
/// number, joined by <c>&amp;&amp;</c> or <c>||</c> (<c>&amp;&amp;</c> binds tighter). Anything else is refused when read.
/// </summary>
public sealed partial class TripCondition
{
    private readonly IReadOnlyList<IReadOnlyList<Comparison>> _anyOf;

    private TripCondition(string text, IReadOnlyList<IReadOnlyList<Comparison>> anyOf)
    {
        Text = text;
        _anyOf = anyOf;
    }

    public string Text { get; }

    /// <summary>daprd's default when a breaker names no trip.</summary>
    public static TripCondition Default { get; } = Parse("consecutiveFailures > 5");

    public static TripCondition Parse(string text)
    {
        var anyOf = new List<IReadOnlyList<Comparison>>();
        foreach (var alternative in text.Split("||"))
        {
            var allOf = new List<Comparison>();
            foreach (var term in alternative.Split("&&"))
            {
                var match = ComparisonPattern().Match(term);
                if (!match.Success)
                {
                    throw new FormatException(
                        $"trip '{text}' is not supported by the local runtime (it reads comparisons such as 'consecutiveFailures > 5' joined by && or ||)");
                }

                allOf.Add(new Comparison(match.Groups["counter"].Value, match.Groups["op"].Value, long.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
            }

            anyOf.Add(allOf);
        }

        return new TripCondition(text, anyOf);
    }

    public bool IsMet(BreakerCounts counts) => _anyOf.Any(allOf => allOf.All(c => c.Holds(counts)));

    public override string ToString() => Text;

    [GeneratedRegex(@"^\s*(?<counter>requests|totalSuccesses|totalFailures|consecutiveSuccesses|consecutiveFailures)\s*(?<op>>=|<=|==|!=|>|<)\s*(?<value>\d+)\s*$")]
    private static partial Regex ComparisonPattern();

    private sealed record Comparison(string Counter, string Operator, long Value)
    {
        public bool Holds(BreakerCounts counts)
        {
            var actual = Counter switch
            {
                "requests" => counts.Requests,
                "totalSuccesses" => counts.TotalSuccesses,
                "totalFailures" => counts.TotalFailures,
                "consecutiveSuccesses" => counts.ConsecutiveSuccesses,
                _ => counts.ConsecutiveFailures,
            };
            return Operator switch
            {
                ">" => actual > Value,
                ">=" => actual >= Value,
                "<" => actual < Value,
                "<=" => actual <= Value,
                "==" => actual == Value,
                _ => actual != Value,
            };
        }
    }
}
