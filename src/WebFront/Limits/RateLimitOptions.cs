namespace Lector.WebFront.Limits;

/// <summary>Bound from <c>RateLimits</c>: permits per window, per user (or per client where no one is signed in yet), counted across all web fronts.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public RateLimitPolicy Uploads { get; set; } = new() { Limit = 10, WindowSeconds = 60 };

    public RateLimitPolicy Audio { get; set; } = new() { Limit = 120, WindowSeconds = 60 };

    public RateLimitPolicy Retries { get; set; } = new() { Limit = 30, WindowSeconds = 60 };

    /// <summary>Registrations per client: what one place legitimately needs is a few accounts, not a way to probe addresses.</summary>
    public RateLimitPolicy Registrations { get; set; } = new() { Limit = 10, WindowSeconds = 3600 };

    /// <summary>
    /// Reads of private podcast feeds and their episodes per client address: an app polls a feed now and then and fetches
    /// an episode in a few ranges; guessing secrets takes far more.
    /// </summary>
    public RateLimitPolicy Feeds { get; set; } = new() { Limit = 120, WindowSeconds = 60 };

    /// <summary>Login attempts per client address, on top of the per-account growing delays.</summary>
    public RateLimitPolicy Logins { get; set; } = new() { Limit = 60, WindowSeconds = 60 };

    /// <summary>
    /// Requests per client address to public links (their pages and the API under them): a listener makes a few per
    /// page (text, audio state, marks, audio ranges), a crawler guessing secrets many.
    /// </summary>
    public RateLimitPolicy PublicLinks { get; set; } = new() { Limit = 300, WindowSeconds = 60 };
}

public sealed class RateLimitPolicy
{
    public int Limit { get; set; }

    public int WindowSeconds { get; set; }
}
