namespace LocalDapr.Tests.Infrastructure;

/// <summary>A temporary resources folder holding the YAML a test needs; deleted on dispose.</summary>
public sealed class ComponentsFolder : IDisposable
{
    private ComponentsFolder(string path) => Path = path;

    public string Path { get; }

    public static ComponentsFolder Create(params string[] documents)
    {
        var folder = new ComponentsFolder(Directory.CreateTempSubdirectory("localdapr-").FullName);
        for (var i = 0; i < documents.Length; i++) folder.Write($"resource{i}.yaml", documents[i]);
        return folder;
    }

    public string Write(string fileName, string content)
    {
        var file = System.IO.Path.Combine(Path, fileName);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A store may still hold a file open for a moment; the temp folder is cleaned by the OS.
        }
    }
}
