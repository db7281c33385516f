using Xunit.Abstractions;

namespace SpaceOfSport.Storefront.Tests;

/// <summary>
/// The storefront's browser tests (playwright-core driving Debian's /usr/bin/chromium headless) against the real shop
/// of <see cref="StorefrontShop"/>, one xunit case per test file: a failure names the file and the failed tests, with
/// node's output and the storefront's log. Screenshots land in services/storefront/test-results/screenshots/.
/// </summary>
[Collection(StorefrontShopCollection.Name)]
public sealed class StorefrontBrowserTests(StorefrontShop shop, ITestOutputHelper output)
{
    public static TheoryData<string> BrowserTestFiles => StorefrontProject.TestFiles("test/browser");

    [Theory]
    [MemberData(nameof(BrowserTestFiles))]
    public async Task Every_browser_test_in_the_file_passes_against_the_running_shop(string file)
    {
        var run = await StorefrontProject.RunNodeTestsAsync(file, shop.TestEnvironment);
        output.WriteLine(run.Output);
        run.Passed.Should().BeTrue($"{run}\n--- storefront log ---\n{shop.StorefrontLog}");
    }
}
