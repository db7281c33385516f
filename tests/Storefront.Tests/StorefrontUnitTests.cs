using Xunit.Abstractions;

namespace SpaceOfSport.Storefront.Tests;

/// <summary>
/// The storefront's unit tests (components' logic and the API client; node's test runner), one xunit case per test
/// file: a failure names the file and the failed tests, with node's output.
/// </summary>
public sealed class StorefrontUnitTests(ITestOutputHelper output)
{
    public static TheoryData<string> UnitTestFiles => StorefrontProject.TestFiles("test/unit");

    [Theory]
    [MemberData(nameof(UnitTestFiles))]
    public async Task Every_unit_test_in_the_file_passes(string file)
    {
        var run = await StorefrontProject.RunNodeTestsAsync(file);
        output.WriteLine(run.Output);
        run.Passed.Should().BeTrue(run.ToString());
    }
}
