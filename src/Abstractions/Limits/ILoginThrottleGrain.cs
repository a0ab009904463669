namespace Lector.Abstractions.Limits;

/// <summary>
/// Failed sign-ins for one account or one client address; after a few failures each further attempt
/// must wait longer (exponential, capped). Keyed <c>account:{email}</c> or <c>address:{ip}</c>.
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
