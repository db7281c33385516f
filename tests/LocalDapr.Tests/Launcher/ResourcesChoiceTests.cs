using LocalDapr.Hosting;
using LocalDapr.Tests.Infrastructure;

namespace LocalDapr.Tests.Launcher;

// The launcher's choice of components (tools/LocalDapr/README.md, "Which components"): explicit --resources-path, then
// --profile, then the embedded profile for the shop's own run file, then the run file's own resourcesPaths.
public sealed class ResourcesChoiceTests
{
    [Fact]
    public void Explicit_resources_paths_win_over_everything()
    {
        using var folder = ComponentsFolder.Create();
        folder.Write("SpaceOfSport.sln", "");

        ResourcesChoice.Resolve(Path.Combine(folder.Path, "dapr.yaml"), "local", ["/somewhere"]).Should().Equal("/somewhere");
    }

    [Fact]
    public void A_profile_names_its_folder_beside_the_shared_components()
    {
        using var folder = ComponentsFolder.Create();

        ResourcesChoice.Resolve(Path.Combine(folder.Path, "dapr.yaml"), "local", [])
            .Should().Equal(Path.Combine(folder.Path, "components", "local"), Path.Combine(folder.Path, "components"));
    }

    [Fact]
    public void The_shops_own_run_file_defaults_to_the_embedded_profile()
    {
        using var folder = ComponentsFolder.Create();
        folder.Write("SpaceOfSport.sln", "");

        ResourcesChoice.Resolve(Path.Combine(folder.Path, "dapr.yaml"), null, [])
            .Should().Equal(Path.Combine(folder.Path, "components", "embedded"), Path.Combine(folder.Path, "components"));
    }

    [Fact]
    public void Any_other_run_file_keeps_its_own_resources_paths()
    {
        using var folder = ComponentsFolder.Create();

        ResourcesChoice.Resolve(Path.Combine(folder.Path, "dapr.yaml"), null, []).Should().BeNull();
    }
}
