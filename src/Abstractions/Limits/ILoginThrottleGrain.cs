namespace Lector.Abstractions.Limits;

/// <summary>
/// Failed sign-ins for one account at one client, one client, or one account; after a few failures each further
/// attempt must wait longer (exponential, capped). Keyed <c>account-at:{client} {email}</c>, <c>address:{client}</c>
/// or <c>account:{email}</c>, where the client is an IPv4 address or an IPv6 /64.
/// </summary>
[Alias("Lector.ILoginThrottleGrain")]
public interface ILoginThrottleGrain : IGrainWithStringKey
{
    [Alias("Check")]
    Task<LimitDecision> Check();

    [Alias("RecordFailure")]
    Task RecordFailure();

    [Alias("RecordSuccess")]
    Task RecordSuccess();
}
