using System.Text;
using System.Text.Json;
using LocalDapr.Components;

namespace LocalDapr.Bindings;

/// <summary>
/// <c>bindings.localstorage</c> (https://docs.dapr.io/reference/components-reference/supported-bindings/localstorage/):
/// files under <c>rootPath</c>. <c>create</c> writes the data to metadata <c>fileName</c> (a new UUID when absent) and
/// answers <c>{"fileName": ...}</c>; <c>get</c> answers the file's bytes; <c>list</c> answers the files below a folder as
/// a JSON array of paths; <c>delete</c> removes the file. A file name that leads outside <c>rootPath</c> is refused.
/// </summary>
public sealed class LocalStorageBinding : IOutputBinding
{
    private const string FileNameKey = "fileName";

    private readonly string _root;

    public LocalStorageBinding(ComponentContext context)
    {
        _root = System.IO.Path.TrimEndingDirectorySeparator(context.Path("rootPath"));
        try
        {
            Directory.CreateDirectory(_root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw context.Error($"cannot create rootPath '{_root}': {e.Message}");
        }
    }

    public IReadOnlyCollection<string> Operations { get; } = ["create", "get", "list", "delete"];

    public Task<BindingResponse> InvokeAsync(string operation, byte[] data, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var fileName = metadata.GetValueOrDefault(FileNameKey);
        return operation switch
        {
            "create" => CreateAsync(string.IsNullOrEmpty(fileName) ? Guid.NewGuid().ToString() : fileName, data, cancellationToken),
            "get" => GetAsync(RequireFileName(fileName, operation), cancellationToken),
            "list" => Task.FromResult(List(fileName ?? "")),
            "delete" => Task.FromResult(Delete(RequireFileName(fileName, operation))),
            _ => throw new BindingRequestException($"unsupported operation {operation}"),
        };
    }

    private async Task<BindingResponse> CreateAsync(string fileName, byte[] data, CancellationToken cancellationToken)
    {
        var (path, relative) = Resolve(fileName);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, DecodeContent(data), cancellationToken);
        return new BindingResponse(
            JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { [FileNameKey] = relative }),
            new Dictionary<string, string> { [FileNameKey] = relative });
    }

    private async Task<BindingResponse> GetAsync(string fileName, CancellationToken cancellationToken)
    {
        var (path, _) = Resolve(fileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"file not found: {path}");
        return new BindingResponse(await File.ReadAllBytesAsync(path, cancellationToken), new Dictionary<string, string>());
    }

    /// <summary>As daprd: the absolute paths of every file below the folder (the root when no fileName is given).</summary>
    private BindingResponse List(string folder)
    {
        var (path, _) = Resolve(folder);
        if (!Directory.Exists(path)) throw new DirectoryNotFoundException($"unable to list files: {path} is not a directory");
        var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        return new BindingResponse(JsonSerializer.SerializeToUtf8Bytes(files), new Dictionary<string, string>());
    }

    private BindingResponse Delete(string fileName)
    {
        var (path, _) = Resolve(fileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"error deleting file {path}: no such file");
        File.Delete(path);
        return new BindingResponse([], new Dictionary<string, string>());
    }

    private static string RequireFileName(string? fileName, string operation) =>
        string.IsNullOrEmpty(fileName) ? throw new BindingRequestException($"operation {operation} needs metadata '{FileNameKey}'") : fileName;

    /// <summary>The absolute path of a file name and its path relative to the root; refuses names that escape the root.</summary>
    private (string Absolute, string Relative) Resolve(string fileName)
    {
        var absolute = System.IO.Path.GetFullPath(System.IO.Path.Combine(_root, fileName));
        if (!IsInsideRoot(absolute)) throw new BindingRequestException($"file name '{fileName}' leads outside rootPath");

        // A symbolic link below the root must not lead out of it either (daprd joins paths securely for the same reason).
        for (var current = absolute; current.Length > _root.Length; current = System.IO.Path.GetDirectoryName(current)!)
        {
            FileSystemInfo entry = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (entry.LinkTarget is null) continue;
            var target = entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName;
            if (target is null || !IsInsideRoot(target))
                throw new BindingRequestException($"file name '{fileName}' leads outside rootPath through a symbolic link");
        }

        return (absolute, System.IO.Path.GetRelativePath(_root, absolute));
    }

    private bool IsInsideRoot(string path) =>
        path == _root || path.StartsWith(_root + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// As daprd does: data that is a JSON string is unquoted (SDKs send a string as JSON), and content that is valid
    /// base64 is decoded, so binary files can be uploaded as base64 text.
    /// </summary>
    private static byte[] DecodeContent(byte[] data)
    {
        var text = Encoding.UTF8.GetString(data);
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            try
            {
                text = JsonSerializer.Deserialize<string>(text) ?? text;
                data = Encoding.UTF8.GetBytes(text);
            }
            catch (JsonException)
            {
                // Not a JSON string after all: keep the bytes as they came.
            }
        }

        // .NET skips spaces inside base64 where Go's decoder (daprd) refuses them: text with spaces is never base64 here.
        var decoded = new byte[text.Length];
        return text.Length > 0 && !text.AsSpan().ContainsAny(' ', '\t') && Convert.TryFromBase64String(text, decoded, out var written)
            ? decoded[..written]
            : data;
    }
}
