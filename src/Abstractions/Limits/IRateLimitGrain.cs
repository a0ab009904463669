namespace Lector.Abstractions.Limits;

/// <summary>
/// A sliding-window counter for one (policy, partition), e.g. <c>uploads/{userId}</c>. One activation
/// in the whole cluster, so every web front counts against the same limit.
/// </summary>
[Alias("Lector.IRateLimitGrain")]
public interface IRateLimitGrain : IGrainWithStringKey
{
    [Alias("TryAcquire")]
    Task<LimitDecision> TryAcquire(int limit, TimeSpan window);
}
