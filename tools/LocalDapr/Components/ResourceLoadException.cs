namespace LocalDapr.Components;

/// <summary>A resource file that cannot be used: the message names the file, the component and what is wrong.</summary>
public sealed class ResourceLoadException(string message, Exception? inner = null) : Exception(message, inner);
