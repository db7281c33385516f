using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LocalDapr.PubSub;

/// <summary>
/// The subset of CEL that Dapr's routing rules use in practice
/// (https://docs.dapr.io/developing-applications/building-blocks/pubsub/howto-route-messages/): paths into
/// <c>event</c> (<c>event.type</c>, <c>event.data.x.y</c>, <c>event.data["x"]</c>), string/number/bool/null
/// literals, <c>== != &lt; &lt;= &gt; &gt;=</c>, <c>&amp;&amp; || !</c>, parentheses and <c>has(event.data.x)</c>.
/// A missing field reads as null, so a comparison with it is simply false (CEL would raise an error).
/// </summary>
internal sealed class RouteMatch
{
    private readonly Node _root;

    private RouteMatch(string expression, Node root)
    {
        Expression = expression;
        _root = root;
    }

    public string Expression { get; }

    /// <summary>Compiles <paramref name="expression"/>; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static RouteMatch Parse(string expression)
    {
        var parser = new Parser(Tokenize(expression), expression);
        var root = parser.ParseExpression();
        parser.ExpectEnd();
        return new RouteMatch(expression, root);
    }

    public bool Matches(JsonObject cloudEvent) => _root.Evaluate(cloudEvent) is true;

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '"' or '\'')
            {
                var value = new StringBuilder();
                var j = i + 1;
                while (j < text.Length && text[j] != c)
                {
                    if (text[j] == '\\' && j + 1 < text.Length) j++;
                    value.Append(text[j++]);
                }

                if (j >= text.Length) throw new FormatException($"unterminated string in '{text}'");
                tokens.Add(new Token(TokenKind.String, value.ToString()));
                i = j + 1;
            }
            else if (char.IsDigit(c) || (c == '-' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                var j = i + 1;
                while (j < text.Length && (char.IsDigit(text[j]) || text[j] == '.')) j++;
                tokens.Add(new Token(TokenKind.Number, text[i..j]));
                i = j;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var j = i + 1;
                while (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] == '_')) j++;
                tokens.Add(new Token(TokenKind.Identifier, text[i..j]));
                i = j;
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                if (two is "==" or "!=" or "<=" or ">=" or "&&" or "||")
                {
                    tokens.Add(new Token(TokenKind.Symbol, two));
                    i += 2;
                }
                else if (c is '<' or '>' or '!' or '(' or ')' or '.' or '[' or ']')
                {
                    tokens.Add(new Token(TokenKind.Symbol, c.ToString()));
                    i++;
                }
                else
                {
                    throw new FormatException($"unexpected '{c}' at position {i} in '{text}'");
                }
            }
        }

        return tokens;
    }

    private enum TokenKind
    {
        Identifier,
        String,
        Number,
        Symbol,
    }

    private sealed record Token(TokenKind Kind, string Text);

    private sealed class Parser(List<Token> tokens, string text)
    {
        private int _position;

        public Node ParseExpression()
        {
            var left = ParseAnd();
            while (TakeSymbol("||"))
            {
                var l = left;
                var r = ParseAnd();
                left = new Node(e => l.Evaluate(e) is true || r.Evaluate(e) is true);
            }

            return left;
        }

        public void ExpectEnd()
        {
            if (_position < tokens.Count) throw Error($"unexpected '{tokens[_position].Text}'");
        }

        private Node ParseAnd()
        {
            var left = ParseUnary();
            while (TakeSymbol("&&"))
            {
                var l = left;
                var r = ParseUnary();
                left = new Node(e => l.Evaluate(e) is true && r.Evaluate(e) is true);
            }

            return left;
        }

        private Node ParseUnary()
        {
            if (TakeSymbol("!"))
            {
                var operand = ParseUnary();
                return new Node(e => operand.Evaluate(e) is not true);
            }

            return ParseComparison();
        }

        private Node ParseComparison()
        {
            var left = ParsePrimary();
            foreach (var op in new[] { "==", "!=", "<=", ">=", "<", ">" })
            {
                if (!TakeSymbol(op)) continue;
                var right = ParsePrimary();
                return new Node(e => Compare(op, left.Evaluate(e), right.Evaluate(e)));
            }

            return left;
        }

        private Node ParsePrimary()
        {
            var token = Next();
            switch (token.Kind)
            {
                case TokenKind.String:
                    return Constant(token.Text);
                case TokenKind.Number:
                    return double.TryParse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                        ? Constant(number)
                        : throw Error($"'{token.Text}' is not a number");
                case TokenKind.Symbol when token.Text == "(":
                    var inner = ParseExpression();
                    ExpectSymbol(")");
                    return inner;
                case TokenKind.Identifier when token.Text == "true":
                    return Constant(true);
                case TokenKind.Identifier when token.Text == "false":
                    return Constant(false);
                case TokenKind.Identifier when token.Text == "null":
                    return Constant(null);
                case TokenKind.Identifier when token.Text == "has":
                    ExpectSymbol("(");
                    var path = ParsePath(Next());
                    ExpectSymbol(")");
                    return new Node(e => Resolve(e, path) is not null);
                case TokenKind.Identifier:
                    var segments = ParsePath(token);
                    return new Node(e => Value(Resolve(e, segments)));
                default:
                    throw Error($"unexpected '{token.Text}'");
            }
        }

        /// <summary>A path after <c>event</c>: <c>.name</c> or <c>["name"]</c> segments.</summary>
        private List<string> ParsePath(Token first)
        {
            if (first is not { Kind: TokenKind.Identifier, Text: "event" })
                throw Error($"unknown name '{first.Text}' (rules can read only 'event')");
            var segments = new List<string>();
            while (true)
            {
                if (TakeSymbol("."))
                {
                    var name = Next();
                    if (name.Kind != TokenKind.Identifier) throw Error($"expected a field name after '.', not '{name.Text}'");
                    segments.Add(name.Text);
                }
                else if (TakeSymbol("["))
                {
                    var key = Next();
                    if (key.Kind != TokenKind.String) throw Error("expected a quoted field name inside [ ]");
                    segments.Add(key.Text);
                    ExpectSymbol("]");
                }
                else
                {
                    return segments;
                }
            }
        }

        private static JsonNode? Resolve(JsonObject cloudEvent, List<string> path)
        {
            JsonNode? node = cloudEvent;
            foreach (var segment in path)
            {
                if (node is not JsonObject obj || !obj.TryGetPropertyValue(segment, out node)) return null;
            }

            return node;
        }

        // Arms typed as object: JsonNode converts implicitly from string/double/bool and would otherwise win as the result type.
        private static object? Value(JsonNode? node) => node?.GetValueKind() switch
        {
            JsonValueKind.String => (object)node.GetValue<string>(),
            JsonValueKind.Number => (object)node.GetValue<double>(),
            JsonValueKind.True => (object)true,
            JsonValueKind.False => (object)false,
            JsonValueKind.Object or JsonValueKind.Array => (object)node,
            _ => null,
        };

        private static bool Compare(string op, object? left, object? right)
        {
            int? order = (left, right) switch
            {
                (double a, double b) => a.CompareTo(b),
                (string a, string b) => string.CompareOrdinal(a, b),
                (bool a, bool b) => a == b ? 0 : null,
                (null, null) => 0,
                _ => null,
            };
            return op switch
            {
                "==" => order == 0,
                "!=" => order != 0,
                "<" => order < 0 && left is not bool,
                "<=" => order <= 0 && left is not bool,
                ">" => order > 0 && left is not bool,
                _ => order >= 0 && left is not bool,
            };
        }

        private static Node Constant(object? value) => new(_ => value);

        private Token Next() => _position < tokens.Count ? tokens[_position++] : throw Error("the expression ends too early");

        private bool TakeSymbol(string symbol)
        {
            if (_position >= tokens.Count || tokens[_position] is not { Kind: TokenKind.Symbol } token || token.Text != symbol) return false;
            _position++;
            return true;
        }

        private void ExpectSymbol(string symbol)
        {
            if (!TakeSymbol(symbol)) throw Error($"expected '{symbol}'");
        }

        private FormatException Error(string problem) => new($"routing rule '{text}': {problem}");
    }

    private sealed class Node(Func<JsonObject, object?> evaluate)
    {
        public object? Evaluate(JsonObject cloudEvent) => evaluate(cloudEvent);
    }
}
