namespace SpaceOfSport.Ordering.Returns;

/// <summary>What became of a request about a return; the API turns each into its answer.</summary>
public abstract record ReturnOutcome
{
    private ReturnOutcome()
    {
    }

    public sealed record Done(OrderReturn Return, bool Created = false) : ReturnOutcome;

    /// <summary>400: the fields and why.</summary>
    public sealed record Invalid(Dictionary<string, string[]> Errors) : ReturnOutcome;

    /// <summary>404: no such order or return for this caller.</summary>
    public sealed record NotFound(string Detail) : ReturnOutcome;

    /// <summary>422: a rule of the business (window closed, not delivered, more than was bought, not the same product).</summary>
    public sealed record Refused(string Title, string Detail, string Reason) : ReturnOutcome;

    /// <summary>409: the return's status does not allow it, or the exchange size is out of stock (<paramref name="Skus"/>).</summary>
    public sealed record Conflict(string Title, string Detail, ReturnStatus? Status = null, IReadOnlyList<string>? Skus = null) : ReturnOutcome;
}
