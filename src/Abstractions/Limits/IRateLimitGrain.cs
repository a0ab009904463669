namespace Lector.Abstractions.Limits;

/// <summary>
/// A sliding-window counter for one (policy, partition), e.g. <c>uploads/{userId}</c>. One activation
/// in the whole cluster, so every web front counts against the same limit.
/// </summary>
[Alias("Lector.IRateLimitGrain")]
public interface IRateLimitGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes up to <paramref name="count"/> permits at once (a web front asks for all the requests it holds for this
    /// counter in one call): as many as the window still has, the rest refused with the wait until one frees.
    /// </summary>
    [Alias("TryAcquirePermits")]
    Task<LimitGrant> TryAcquire(int limit, TimeSpan window, int count);
}
