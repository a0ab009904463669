using Lector.Abstractions.Limits;

namespace Lector.Grains.Limits;

/// <summary>
/// Keeps the times of recent permits in memory. Limits are protective, not billing: losing the
/// counts when an idle activation is collected or a silo restarts is acceptable.
/// </summary>
public sealed class RateLimitGrain(TimeProvider time) : Grain, IRateLimitGrain
{
    private readonly Queue<DateTimeOffset> _permits = new();

    public Task<LimitDecision> TryAcquire(int limit, TimeSpan window)
    {
        var now = time.GetUtcNow();
        while (_permits.TryPeek(out var oldest) && now - oldest >= window)
        {
            _permits.Dequeue();
        }

        if (_permits.Count >= limit)
        {
            var retryAfter = _permits.Peek() + window - now;
            return Task.FromResult(new LimitDecision(false, retryAfter));
        }

        _permits.Enqueue(now);
        return Task.FromResult(LimitDecision.Allow);
    }
}
