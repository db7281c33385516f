using System.Globalization;
using System.ServiceModel;
using SpaceOfSport.Audit.Checkpoints;
using SpaceOfSport.Audit.Ledger;
using SpaceOfSport.BuildingBlocks.Security;

namespace SpaceOfSport.Audit.Soap;

/// <summary>
/// <see cref="ILedgerSoap"/> over the same reader and verifier as gRPC. The caller is an auditor by a bearer token from
/// identity carrying <c>audit:read</c> or by a WS-Security UsernameToken (<see cref="UsernameTokenAuthentication"/>),
/// over HTTPS at the ingress; anything wrong is a SOAP fault whose code says what
/// (<c>Unauthenticated</c>, <c>PermissionDenied</c>, <c>InvalidArgument</c>, <c>NotFound</c>, <c>Unavailable</c>).
/// </summary>
public sealed class LedgerSoapService(IHttpContextAccessor http, LedgerReader reader, ChainVerifier verifier, CheckpointKeys keys) : ILedgerSoap
{
    public async Task<LedgerPage> Query(LedgerFilter filter)
    {
        EnsureAuditor();
        filter ??= new LedgerFilter();
        long after = 0;
        if (filter.PageToken is { Length: > 0 } token && !long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out after))
            throw Fault("InvalidArgument", "PageToken: is not a page token this ledger gave");
        var query = new LedgerQuery(Blank(filter.Actor), Blank(filter.Subject), Blank(filter.Action), Utc(filter.From), Utc(filter.To), filter.PageSize, after);
        if (query.Problem() is { } problem) throw Fault("InvalidArgument", $"{problem.Field}: {problem.Detail}");
        var (entries, next) = await reader.QueryAsync(query, Aborted);
        return new LedgerPage
        {
            Entries = [.. entries.Select(ToRecord)],
            NextPageToken = next?.ToString(CultureInfo.InvariantCulture) ?? "",
        };
    }

    public async Task<ChainVerdict> Verify(long fromSequence, long toSequence)
    {
        EnsureAuditor();
        if (fromSequence < 0) throw Fault("InvalidArgument", "fromSequence: must not be negative");
        if (toSequence < 0 || (toSequence > 0 && toSequence < fromSequence)) throw Fault("InvalidArgument", "toSequence: must be 0 (the head) or at least fromSequence");
        var result = await KeysAvailable(() => verifier.VerifyAsync(fromSequence, toSequence == 0 ? null : toSequence, Aborted));
        return new ChainVerdict
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

    public async Task<SignedCheckpoint> GetCheckpoint(long atOrBeforeSequence)
    {
        EnsureAuditor();
        if (atOrBeforeSequence < 0) throw Fault("InvalidArgument", "atOrBeforeSequence: must not be negative (0 for the newest)");
        var checkpoint = await reader.CheckpointAsync(atOrBeforeSequence, Aborted)
            ?? throw Fault("NotFound", "The ledger has no signed checkpoint there yet.");
        var publicKeys = await KeysAvailable(() => keys.PublicKeysAsync(Aborted));
        return new SignedCheckpoint
        {
            Sequence = checkpoint.Sequence,
            HeadHash = checkpoint.HeadHash,
            SignedAt = checkpoint.SignedAt.UtcDateTime,
            KeyId = checkpoint.KeyId,
            Jws = checkpoint.Jws,
            PublicKeyPem = publicKeys.FirstOrDefault(k => k.KeyId == checkpoint.KeyId).PublicKeyPem ?? "",
        };
    }

    private CancellationToken Aborted => http.HttpContext?.RequestAborted ?? CancellationToken.None;

    /// <summary>The same rule as gRPC's <c>[Authorize(audit:read)]</c>, answered as a SOAP fault rather than an HTTP status.</summary>
    private void EnsureAuditor()
    {
        if (http.HttpContext?.Items[UsernameTokenAuthentication.RefusalItem] is string refusal) throw Fault("Unauthenticated", refusal);
        var user = http.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true)
            throw Fault("Unauthenticated", "An auditor's bearer token (Authorization: Bearer ...) or a WS-Security UsernameToken is required.");
        if (!user.HasClaim(TokenConventions.PermissionClaim, Permissions.AuditRead))
            throw Fault("PermissionDenied", $"The token lacks the {Permissions.AuditRead} permission.");
    }

    private static async Task<T> KeysAvailable<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (CheckpointKeyUnavailableException exception)
        {
            throw Fault("Unavailable", exception.Message);
        }
    }

    /// <summary>An xs:dateTime without a zone is read as UTC.</summary>
    private static DateTimeOffset? Utc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime()) : null;

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static FaultException Fault(string code, string reason) =>
        new(new FaultReason(reason), new FaultCode(code, ILedgerSoap.Namespace), "");

    private static LedgerRecord ToRecord(LedgerEntry entry) => new()
    {
        Sequence = entry.Sequence,
        RecordedAt = entry.RecordedAt.UtcDateTime,
        Actor = entry.Actor,
        Action = entry.Action,
        Subject = entry.Subject,
        BeforeDigest = entry.BeforeDigest ?? "",
        AfterDigest = entry.AfterDigest ?? "",
        SourceEventId = entry.SourceEventId,
        PreviousHash = entry.PreviousHash,
        Hash = entry.Hash,
    };
}
