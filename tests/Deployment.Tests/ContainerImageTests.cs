using System.Xml.Linq;
using SpaceOfSport.Deployment.Tests.Infrastructure;

namespace SpaceOfSport.Deployment.Tests;

/// <summary>
/// Every app's image is the one the chart pulls: a .NET app publishes itself as a container
/// (https://learn.microsoft.com/dotnet/core/containers/publish-configuration) under the repository its values entry
/// names, on a chiseled base as a non-root user; the storefront builds from its Dockerfile.
/// </summary>
[Collection(ChartsCollection.Name)]
public sealed class ContainerImageTests(Renderings charts)
{
    [Fact]
    public void Every_dotnet_app_publishes_the_image_repository_the_chart_pulls()
    {
        var buildProps = XDocument.Load(Repository.Path("Directory.Build.props"));
        Property(buildProps, "ContainerFamily").Should().Contain("chiseled", "the base image has no shell or package manager");
        Property(buildProps, "ContainerUser").Should().Be("app", "the chiseled images' non-root user");

        foreach (var app in RunFile.Apps)
        {
            var project = Directory.GetFiles(Repository.Path(app.AppDirPath), "*.csproj").SingleOrDefault();
            if (project is null) continue;
            var image = charts.Dev.DeploymentOf(app.AppId)!.Spec.Template.Spec.Containers.Single().Image;

            var repository = Property(XDocument.Load(project), "ContainerRepository");

            repository.Should().NotBeNull($"{Path.GetRelativePath(Repository.Root, project)} must set ContainerRepository for `dotnet publish -t:PublishContainer`");
            image.Should().StartWith(repository + ":", $"the chart pulls {image} for {app.AppId}");
        }
    }

    [Fact]
    public void The_storefront_image_is_next_standalone_output_as_a_non_root_user()
    {
        var dockerfile = File.ReadAllText(Repository.Path("services", "storefront", "Dockerfile"));
        dockerfile.Should().Contain("NEXT_OUTPUT=standalone").And.Contain(".next/standalone").And.Contain("USER nonroot");
        File.ReadAllText(Repository.Path("services", "storefront", "next.config.ts")).Should().Contain("\"standalone\"");
        charts.Eks.DeploymentOf("storefront")!.Spec.Template.Spec.SecurityContext.RunAsUser.Should().Be(65532, "distroless's nonroot user");
    }

    private static string? Property(XDocument project, string name) =>
        project.Descendants(name).Select(e => e.Value.Trim()).LastOrDefault();
}
