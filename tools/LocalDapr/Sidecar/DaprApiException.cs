using System.Net;
using Grpc.Core;

namespace LocalDapr.Sidecar;

/// <summary>
/// An error of the Dapr API, with the codes daprd uses for it on both protocols
/// (https://docs.dapr.io/reference/api/error_codes/).
/// </summary>
public sealed class DaprApiException(string errorCode, StatusCode grpcStatus, HttpStatusCode httpStatus, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string ErrorCode { get; } = errorCode;

    public StatusCode GrpcStatus { get; } = grpcStatus;

    public HttpStatusCode HttpStatus { get; } = httpStatus;

    public RpcException ToRpcException() => new(new Status(GrpcStatus, Message));

    public static DaprApiException NotFound(string errorCode, string what) =>
        new(errorCode, StatusCode.InvalidArgument, HttpStatusCode.BadRequest, $"{what} is not found");

    public static DaprApiException BadRequest(string errorCode, string message) =>
        new(errorCode, StatusCode.InvalidArgument, HttpStatusCode.BadRequest, message);

    public static DaprApiException Internal(string errorCode, string message, Exception? inner = null) =>
        new(errorCode, StatusCode.Internal, HttpStatusCode.InternalServerError, message, inner);
}
