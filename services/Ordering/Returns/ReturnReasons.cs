namespace SpaceOfSport.Ordering.Returns;

/// <summary>Why a line comes back. Only <see cref="WrongSize"/> may be exchanged; <see cref="OurFault"/> reasons also refund shipping.</summary>
public static class ReturnReasons
{
    public const string WrongSize = "wrong-size";
    public const string Defective = "defective";
    public const string WrongItem = "wrong-item";
    public const string NotAsDescribed = "not-as-described";
    public const string ChangedMind = "changed-mind";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { WrongSize, Defective, WrongItem, NotAsDescribed, ChangedMind };

    public static readonly IReadOnlySet<string> OurFault = new HashSet<string>(StringComparer.Ordinal) { Defective, WrongItem, NotAsDescribed };
}
