using System.Runtime.Serialization;
using System.ServiceModel;

namespace SpaceOfSport.Audit.Soap;

/// <summary>
/// The auditors' SOAP contract: the read operations of gRPC <c>Ledger</c> (Query, Verify, GetCheckpoint), answering the
/// same values. SOAP 1.1 and 1.2 on one address; the WSDL at <c>?wsdl</c>. Times are UTC <c>xs:dateTime</c>.
/// </summary>
[ServiceContract(Namespace = Namespace, Name = "Ledger")]
public interface ILedgerSoap
{
    public const string Namespace = "urn:spaceofsport:audit:v1";

    [OperationContract]
    Task<LedgerPage> Query(LedgerFilter filter);

    [OperationContract]
    Task<ChainVerdict> Verify(long fromSequence, long toSequence);

    [OperationContract]
    Task<SignedCheckpoint> GetCheckpoint(long atOrBeforeSequence);
}

/// <summary>Every filter optional; <see cref="From"/> and <see cref="To"/> bound the recorded time, [from, to), in UTC.</summary>
[DataContract(Namespace = ILedgerSoap.Namespace)]
public sealed class LedgerFilter
{
    [DataMember(Order = 1)] public string? Actor { get; set; }

    [DataMember(Order = 2)] public string? Subject { get; set; }

    [DataMember(Order = 3)] public string? Action { get; set; }

    [DataMember(Order = 4)] public DateTime? From { get; set; }

    [DataMember(Order = 5)] public DateTime? To { get; set; }

    [DataMember(Order = 6)] public int PageSize { get; set; }

    [DataMember(Order = 7)] public string? PageToken { get; set; }
}

[DataContract(Namespace = ILedgerSoap.Namespace)]
public sealed class LedgerPage
{
    [DataMember(Order = 1)] public List<LedgerRecord> Entries { get; set; } = [];

    /// <summary>Empty on the last page.</summary>
    [DataMember(Order = 2)] public string NextPageToken { get; set; } = "";
}

[DataContract(Namespace = ILedgerSoap.Namespace)]
public sealed class LedgerRecord
{
    [DataMember(Order = 1)] public long Sequence { get; set; }

    [DataMember(Order = 2)] public DateTime RecordedAt { get; set; }

    [DataMember(Order = 3)] public string Actor { get; set; } = "";

    [DataMember(Order = 4)] public string Action { get; set; } = "";

    [DataMember(Order = 5)] public string Subject { get; set; } = "";

    [DataMember(Order = 6)] public string BeforeDigest { get; set; } = "";

    [DataMember(Order = 7)] public string AfterDigest { get; set; } = "";

    [DataMember(Order = 8)] public string SourceEventId { get; set; } = "";

    [DataMember(Order = 9)] public string PreviousHash { get; set; } = "";

    [DataMember(Order = 10)] public string Hash { get; set; } = "";
}

[DataContract(Namespace = ILedgerSoap.Namespace)]
public sealed class ChainVerdict
{
    [DataMember(Order = 1)] public bool Ok { get; set; }

    [DataMember(Order = 2)] public long EntriesChecked { get; set; }

    [DataMember(Order = 3)] public long CheckpointsChecked { get; set; }

    /// <summary>0 when ok.</summary>
    [DataMember(Order = 4)] public long FirstBadSequence { get; set; }

    [DataMember(Order = 5)] public string Reason { get; set; } = "";

    [DataMember(Order = 6)] public long HeadSequence { get; set; }

    [DataMember(Order = 7)] public string HeadHash { get; set; } = "";
}

[DataContract(Namespace = ILedgerSoap.Namespace)]
public sealed class SignedCheckpoint
{
    [DataMember(Order = 1)] public long Sequence { get; set; }

    [DataMember(Order = 2)] public string HeadHash { get; set; } = "";

    [DataMember(Order = 3)] public DateTime SignedAt { get; set; }

    [DataMember(Order = 4)] public string KeyId { get; set; } = "";

    [DataMember(Order = 5)] public string Jws { get; set; } = "";

    [DataMember(Order = 6)] public string PublicKeyPem { get; set; } = "";
}
