using LocalDapr.Hosting;
using LocalDapr.Tests.Infrastructure;

namespace LocalDapr.Tests.Launcher;

// Issue 9: the launcher gives every app an app API token (sidecar to app) and every sidecar a Dapr API token (app to
// sidecar), as the Helm chart does, so nothing but its own sidecar can call an app and nothing but its own app can use a
// sidecar; a run file may set its own, or switch one off with an empty value.
public sealed class TokenChoiceTests
{
    [Fact]
    public void Each_app_gets_a_random_token_of_its_own_drawn_for_this_run()
    {
        var runFile = Load("""
            - appID: one
              appDirPath: .
            - appID: two
              appDirPath: .
            """);

        var one = Hosting.Launcher.AppApiTokenFor(runFile.Apps[0]);
        var two = Hosting.Launcher.AppApiTokenFor(runFile.Apps[1]);
        var nextRun = Hosting.Launcher.AppApiTokenFor(runFile.Apps[0]);

        one.Should().MatchRegex("^[A-Za-z0-9_-]{43}$", "32 random bytes, base64url");
        new[] { one, two, nextRun }.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void A_run_file_token_is_kept_and_an_empty_one_means_none()
    {
        var runFile = Load("""
            - appID: chosen
              appDirPath: .
              env:
                APP_API_TOKEN: from-the-run-file
            - appID: none
              appDirPath: .
              env:
                APP_API_TOKEN: ""
            """);

        Hosting.Launcher.AppApiTokenFor(runFile.Apps[0]).Should().Be("from-the-run-file");
        Hosting.Launcher.AppApiTokenFor(runFile.Apps[1]).Should().BeNull();
    }

    [Fact]
    public void Each_sidecar_demands_a_random_dapr_api_token_of_its_own_drawn_for_this_run()
    {
        var runFile = Load("""
            - appID: one
              appDirPath: .
            - appID: two
              appDirPath: .
            """);

        var one = Hosting.Launcher.DaprApiTokenFor(runFile.Apps[0]);
        var two = Hosting.Launcher.DaprApiTokenFor(runFile.Apps[1]);
        var nextRun = Hosting.Launcher.DaprApiTokenFor(runFile.Apps[0]);

        one.Should().MatchRegex("^[A-Za-z0-9_-]{43}$", "32 random bytes, base64url");
        new[] { one, two, nextRun, Hosting.Launcher.AppApiTokenFor(runFile.Apps[0]) }.Should().OnlyHaveUniqueItems(
            "a token opens one sidecar only, and is not the app API token");
    }

    [Fact]
    public void A_run_file_dapr_api_token_is_kept_and_an_empty_one_means_none()
    {
        var runFile = Load("""
            - appID: chosen
              appDirPath: .
              env:
                DAPR_API_TOKEN: from-the-run-file
            - appID: none
              appDirPath: .
              env:
                DAPR_API_TOKEN: ""
            """);

        Hosting.Launcher.DaprApiTokenFor(runFile.Apps[0]).Should().Be("from-the-run-file");
        Hosting.Launcher.DaprApiTokenFor(runFile.Apps[1]).Should().BeNull();
    }

    private static RunFile Load(string apps)
    {
        using var folder = ComponentsFolder.Create();
        var indented = string.Join('\n', apps.Split('\n').Select(line => "  " + line));
        return RunFile.Load(folder.Write("dapr.yaml", $"version: 1\napps:\n{indented}\n"));
    }
}
