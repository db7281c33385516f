using Grpc.Core;

namespace SpaceOfSport.Inventory;

/// <summary>The statuses the Inventory API answers with, each with a detail that names what was wrong.</summary>
public static class InventoryErrors
{
    /// <summary>Trailer naming the SKUs a reservation fell short on, comma-separated.</summary>
    public const string ShortSkusTrailer = "short-skus";

    public static RpcException InvalidArgument(string field, string problem) =>
        new(new Status(StatusCode.InvalidArgument, $"{field}: {problem}"), new Metadata { { "field", field } });

    public static RpcException UnknownSkus(IEnumerable<string> skus) =>
        new(new Status(StatusCode.NotFound, $"unknown SKU: {string.Join(", ", skus)}"));

    public static RpcException UnknownReservation(string id) =>
        new(new Status(StatusCode.NotFound, $"reservation '{id}' not found"));

    public static RpcException ShortStock(IReadOnlyCollection<string> skus) =>
        new(new Status(StatusCode.FailedPrecondition, $"insufficient stock for SKU: {string.Join(", ", skus)}"),
            new Metadata { { ShortSkusTrailer, string.Join(",", skus) } });

    public static RpcException FailedPrecondition(string detail) => new(new Status(StatusCode.FailedPrecondition, detail));

    public static RpcException AlreadyExists(string detail) => new(new Status(StatusCode.AlreadyExists, detail));
}
