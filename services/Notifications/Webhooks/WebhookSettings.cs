namespace SpaceOfSport.Notifications.Webhooks;

/// <summary>Partner webhooks (<c>Webhooks</c> section).</summary>
public sealed class WebhookSettings
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Hosts that may be reached over plain http and on private or loopback addresses (a partner simulator on this
    /// machine); honoured only in the Development and Testing environments, ignored everywhere else.
    /// </summary>
    public List<string> DevelopmentHosts { get; set; } = [];

    /// <summary>How long one delivery is retried, counted from its first attempt; after that it fails and its endpoint is disabled.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long a partner has to answer one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a replica looks for work another replica queued (its own queueing wakes it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Endpoints delivered to at the same time by one replica (each endpoint's deliveries go one by one, in order).</summary>
    public int ParallelEndpoints { get; set; } = 8;

    /// <summary>Where staff are told that an endpoint was disabled (through the <c>email</c> binding); nobody when empty.</summary>
    public string? StaffEmail { get; set; }
}
