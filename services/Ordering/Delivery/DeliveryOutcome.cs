namespace SpaceOfSport.Ordering.Delivery;

/// <summary>What became of a verified partner message.</summary>
public abstract record DeliveryOutcome
{
    private DeliveryOutcome()
    {
    }

    /// <summary>Applied now, or (<paramref name="Duplicate"/>) seen before or already true: nothing changed.</summary>
    public sealed record Applied(bool Duplicate) : DeliveryOutcome;

    /// <summary>The message is not a well-formed delivery event: the fields and why.</summary>
    public sealed record Invalid(Dictionary<string, string[]> Errors) : DeliveryOutcome;

    /// <summary>No order has this number (or no such return of it): the partner should stop sending it.</summary>
    public sealed record Unknown(string Detail) : DeliveryOutcome;

    /// <summary>The order's status does not allow it now (delivered before shipped, shipped once cancelled): the partner retries later.</summary>
    public sealed record NotNow(string Status, string Detail) : DeliveryOutcome;
}
