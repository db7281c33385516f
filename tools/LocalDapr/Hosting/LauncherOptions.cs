namespace LocalDapr.Hosting;

public sealed record LauncherOptions(string RunFilePath, IReadOnlyList<string>? ResourcesPaths, bool Build, string EntryAppId);
