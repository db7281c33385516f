using Microsoft.AspNetCore.Grpc.JsonTranscoding;

namespace SpaceOfSport.BuildingBlocks.Grpc;

public static class GrpcApiExtensions
{
    /// <summary>
    /// Maps a gRPC service the way every service does (in <c>Program.cs</c>): its methods over gRPC and, where the
    /// <c>.proto</c> gives them HTTP rules and the service added JSON transcoding, as JSON whose errors are RFC 9457
    /// problem documents (<see cref="TranscodedErrors"/>) rather than gRPC status objects.
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcApi<TService>(this IEndpointRouteBuilder app)
        where TService : class
    {
        var service = app.MapGrpcService<TService>();
        service.Add(endpoint =>
        {
            if (endpoint.RequestDelegate is not { } transcode) return;
            if (endpoint.Metadata.OfType<GrpcJsonTranscodingMetadata>().FirstOrDefault() is not { MethodDescriptor.IsServerStreaming: false }) return;
            endpoint.RequestDelegate = context => TranscodedErrors.WriteAsProblemDetailsAsync(context, transcode);
        });
        return service;
    }
}
