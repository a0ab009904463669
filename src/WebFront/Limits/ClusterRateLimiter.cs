using Lector.Abstractions;
using Lector.Abstractions.Limits;
using Lector.WebFront.Batching;

namespace Lector.WebFront.Limits;

/// <summary>
/// This front's door to the cluster-wide rate-limit grains: the requests it holds for one counter at the same moment
/// ask for their permits in one call, so a burst costs a few calls and the count stays exact (no permits are held
/// ahead of need, none are lost).
/// </summary>
public sealed class ClusterRateLimiter
{
    /// <summary>Bounds one call's permits, so a huge burst is still answered in steps.</summary>
    private const int MaxPermitsPerCall = 1000;

    private readonly CallCoalescer<string, (int Limit, TimeSpan Window), LimitDecision> _calls;

    public ClusterRateLimiter(IClusterClient cluster) =>
        _calls = new(async (key, requests) =>
        {
            // One counter is one policy: its requests share a limit and window (the first's, should settings change).
            var (limit, window) = requests[0];
            var grant = await cluster.Grain<IRateLimitGrain>(key).TryAcquire(limit, window, requests.Count);
            var refused = new LimitDecision(false, grant.RetryAfter);
            return [.. requests.Select((_, i) => i < grant.Granted ? LimitDecision.Allow : refused)];
        }, MaxPermitsPerCall);

    /// <summary>Takes one permit of the counter named <paramref name="key"/> (<c>policy/partition</c>).</summary>
    public Task<LimitDecision> AcquireAsync(string key, int limit, TimeSpan window) => _calls.Enqueue(key, (limit, window));
}
