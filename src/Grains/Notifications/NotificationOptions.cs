namespace Lector.Grains.Notifications;

/// <summary>Bound from <c>Notifications</c>.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>
    /// Notifications of one kind from one person to one user within this long of the first fold into that first one
    /// (its text and data become the latest, <c>count</c> says how many), with no further webhook delivery: sharing and
    /// unsharing in a loop reaches its target once. Zero turns it off.
    /// </summary>
    public TimeSpan CoalesceWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Lets webhooks target loopback, private and link-local addresses (development and tests only).</summary>
    public bool AllowPrivateWebhooks { get; set; }

    /// <summary>The first retry waits up to this long; each further one up to twice as long as the one before.</summary>
    public TimeSpan WebhookFirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan WebhookMaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>After this many attempts a delivery is dropped (it stays in the user's inbox).</summary>
    public int WebhookMaxAttempts { get; set; } = 10;

    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
