using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using SpaceOfSport.Audit.Checkpoints;
using SpaceOfSport.BuildingBlocks;
using SpaceOfSport.BuildingBlocks.Security;
using SpaceOfSport.Contracts.Audit.V1;
using ProtoCheckpoint = SpaceOfSport.Contracts.Audit.V1.Checkpoint;

namespace SpaceOfSport.Audit.Ledger;

public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>The apps that may append over gRPC: those whose critical actions must not go on unrecorded.</summary>
    public List<string> AppendCallers { get; set; } = ["identity", "catalog", "inventory", "payments", "ordering", "notifications"];
}

/// <summary>
/// gRPC <c>spaceofsport.audit.v1.Ledger</c>: appends for the listed apps (by the <c>dapr-caller-app-id</c> their
/// sidecar sets, believed only on a call that came through audit's own sidecar), reads for <c>audit:read</c>.
/// </summary>
public sealed class LedgerGrpcService(LedgerWriter writer, LedgerReader reader, ChainVerifier verifier, CheckpointKeys keys, IOptions<AuditOptions> options)
    : Contracts.Audit.V1.Ledger.LedgerBase
{
    public const string FieldTrailer = "field";

    public override async Task<AppendResponse> Append(AppendRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var caller = http.Request.Headers[DaprSidecar.CallerAppIdHeader] is [{ } id] && AppApiToken.CameThroughSidecar(http) ? id : null;
        if (caller is null || !options.Value.AppendCallers.Contains(caller, StringComparer.Ordinal))
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"Only {string.Join(", ", options.Value.AppendCallers)} may append, through Dapr service invocation; the caller is {caller ?? "not a Dapr app"}."));

        var draft = new EntryDraft(request.Actor, request.Action, request.Subject, Optional(request.BeforeDigest), Optional(request.AfterDigest), request.SourceEventId);
        if (draft.Problem() is { } problem) throw Invalid(problem.Field, problem.Detail);
        var (entry, alreadyRecorded) = await writer.AppendAsync(draft, context.CancellationToken);
        return new AppendResponse { Entry = ToProto(entry), AlreadyRecorded = alreadyRecorded };
    }

    [Authorize(Permissions.AuditRead)]
    public override async Task<QueryResponse> Query(QueryRequest request, ServerCallContext context)
    {
        long after = 0;
        if (request.PageToken is { Length: > 0 } token && !long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out after))
            throw Invalid("page_token", "is not a page token this ledger gave");
        var query = new LedgerQuery(Optional(request.Actor), Optional(request.Subject), Optional(request.Action),
            request.From?.ToDateTimeOffset(), request.To?.ToDateTimeOffset(), request.PageSize, after);
        if (query.Problem() is { } problem) throw Invalid(problem.Field, problem.Detail);
        var (entries, next) = await reader.QueryAsync(query, context.CancellationToken);
        var response = new QueryResponse { NextPageToken = next?.ToString(CultureInfo.InvariantCulture) ?? "" };
        response.Entries.AddRange(entries.Select(ToProto));
        return response;
    }

    [Authorize(Permissions.AuditRead)]
    public override async Task<VerifyResponse> Verify(VerifyRequest request, ServerCallContext context)
    {
        if (request.FromSequence < 0) throw Invalid("from_sequence", "must not be negative");
        if (request.ToSequence < 0) throw Invalid("to_sequence", "must not be negative");
        if (request.ToSequence > 0 && request.ToSequence < request.FromSequence) throw Invalid("to_sequence", "must not be below from_sequence");
        var result = await KeysAvailable(() => verifier.VerifyAsync(request.FromSequence, request.ToSequence == 0 ? null : request.ToSequence, context.CancellationToken));
        return new VerifyResponse
        {
            Ok = result.Ok,
            EntriesChecked = result.EntriesChecked,
            CheckpointsChecked = result.CheckpointsChecked,
            FirstBadSequence = result.FirstBadSequence ?? 0,
            Reason = result.Reason ?? "",
            HeadSequence = result.HeadSequence,
            HeadHash = result.HeadHash,
        };
    }

    [Authorize(Permissions.AuditRead)]
    public override async Task<GetCheckpointResponse> GetCheckpoint(GetCheckpointRequest request, ServerCallContext context)
    {
        if (request.AtOrBeforeSequence < 0) throw Invalid("at_or_before_sequence", "must not be negative (0 for the newest)");
        var checkpoint = await reader.CheckpointAsync(request.AtOrBeforeSequence, context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, "The ledger has no signed checkpoint there yet."));
        var publicKeys = await KeysAvailable(() => keys.PublicKeysAsync(context.CancellationToken));
        return new GetCheckpointResponse
        {
            Checkpoint = new ProtoCheckpoint
            {
                Sequence = checkpoint.Sequence,
                HeadHash = checkpoint.HeadHash,
                SignedAt = Timestamp.FromDateTimeOffset(checkpoint.SignedAt),
                KeyId = checkpoint.KeyId,
                Jws = checkpoint.Jws,
                PublicKeyPem = publicKeys.FirstOrDefault(k => k.KeyId == checkpoint.KeyId).PublicKeyPem ?? "",
            },
        };
    }

    public static Entry ToProto(LedgerEntry entry) => new()
    {
        Sequence = entry.Sequence,
        RecordedAt = Timestamp.FromDateTimeOffset(entry.RecordedAt),
        Actor = entry.Actor,
        Action = entry.Action,
        Subject = entry.Subject,
        BeforeDigest = entry.BeforeDigest ?? "",
        AfterDigest = entry.AfterDigest ?? "",
        SourceEventId = entry.SourceEventId,
        PreviousHash = entry.PreviousHash,
        Hash = entry.Hash,
    };

    private static string? Optional(string value) => value.Length == 0 ? null : value;

    /// <summary>Without its key the ledger cannot check signatures: UNAVAILABLE, the caller tries again later.</summary>
    private static async Task<T> KeysAvailable<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (CheckpointKeyUnavailableException exception)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, exception.Message));
        }
    }

    private static RpcException Invalid(string field, string detail) =>
        new(new Status(StatusCode.InvalidArgument, $"{field}: {detail}"), new Metadata { { FieldTrailer, field } });
}
