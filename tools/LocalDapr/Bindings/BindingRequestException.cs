namespace LocalDapr.Bindings;

/// <summary>The request is wrong for this binding (unknown operation, missing metadata): gRPC InvalidArgument.</summary>
public sealed class BindingRequestException(string message) : Exception(message);
