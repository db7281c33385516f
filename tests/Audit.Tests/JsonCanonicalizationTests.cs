using System.Text;
using SpaceOfSport.BuildingBlocks.Json;

namespace SpaceOfSport.Audit.Tests;

/// <summary>RFC 8785's own examples (sections 3.2.2, 3.2.3 and appendix B).</summary>
public sealed class JsonCanonicalizationTests
{
    [Theory]
    [InlineData(0x0000000000000000UL, "0")]
    [InlineData(0x8000000000000000UL, "0")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x8000000000000001UL, "-5e-324")]
    [InlineData(0x7fefffffffffffffUL, "1.7976931348623157e+308")]
    [InlineData(0xffefffffffffffffUL, "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000UL, "9007199254740992")]
    [InlineData(0xc340000000000000UL, "-9007199254740992")]
    [InlineData(0x4430000000000000UL, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5UL, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6UL, "1e+23")]
    [InlineData(0x44b52d02c7e14af7UL, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eUL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fUL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50UL, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cUL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dUL, "0.000001")]
    [InlineData(0x41b3de4355555553UL, "333333333.3333332")]
    [InlineData(0x41b3de4355555554UL, "333333333.33333325")]
    [InlineData(0x41b3de4355555555UL, "333333333.3333333")]
    [InlineData(0x41b3de4355555556UL, "333333333.3333334")]
    [InlineData(0x41b3de4355555557UL, "333333333.33333343")]
    [InlineData(0xbecbf647612f3696UL, "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959UL, "1424953923781206.2")]
    public void Numbers_are_written_as_ECMAScript_writes_the_double(ulong bits, string expected) =>
        JsonCanonicalization.FormatNumber(BitConverter.UInt64BitsToDouble(bits)).Should().Be(expected);

    [Theory]
    [InlineData(0x7fffffffffffffffUL)]
    [InlineData(0x7ff0000000000000UL)]
    public void NaN_and_infinity_have_no_canonical_form(ulong bits)
    {
        var format = () => JsonCanonicalization.FormatNumber(BitConverter.UInt64BitsToDouble(bits));

        format.Should().Throw<FormatException>();
    }

    [Fact]
    public void The_RFCs_example_object_canonicalizes_to_the_RFCs_bytes()
    {
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;

        JsonCanonicalization.Canonicalize(input).Should().Be(
            """{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""");
    }

    [Fact]
    public void Member_names_are_sorted_by_their_UTF16_code_units()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;

        var canonical = JsonCanonicalization.Canonicalize(input);

        var values = canonical.Split("\":\"").Skip(1).Select(part => part[..part.IndexOf('"', StringComparison.Ordinal)]);
        values.Should().Equal("Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh");
    }

    [Fact]
    public void Output_is_UTF8_without_whitespace_and_escapes_only_what_JSON_requires()
    {
        var bytes = JsonCanonicalization.Serialize(System.Text.Json.JsonDocument.Parse("""{ "b" : [ 1 , "é\t\u0001" ] , "a" : { } }""").RootElement);

        Encoding.UTF8.GetString(bytes).Should().Be("{\"a\":{},\"b\":[1,\"é\\t\\u0001\"]}");
        bytes.Should().Contain(0xC3, "é is written as its UTF-8 bytes, not escaped");
    }
}
