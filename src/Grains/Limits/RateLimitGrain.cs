using Lector.Abstractions.Limits;

namespace Lector.Grains.Limits;

/// <summary>
/// Keeps the recent grants (when, how many) in memory, one entry per call rather than per permit. Limits are
/// protective, not billing: losing the counts when an idle activation is collected or a silo restarts is acceptable.
/// </summary>
public sealed class RateLimitGrain(TimeProvider time) : Grain, IRateLimitGrain
{
    private readonly Queue<(DateTimeOffset At, int Permits)> _grants = new();
    private int _held;

    public Task<LimitGrant> TryAcquire(int limit, TimeSpan window, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var now = time.GetUtcNow();
        while (_grants.TryPeek(out var oldest) && now - oldest.At >= window)
        {
            _held -= _grants.Dequeue().Permits;
        }

        var granted = Math.Clamp(limit - _held, 0, count);
        if (granted > 0)
        {
            _grants.Enqueue((now, granted));
            _held += granted;
        }

        var retryAfter = granted == count ? TimeSpan.Zero
            : _grants.TryPeek(out var first) ? first.At + window - now
            : window;
        return Task.FromResult(new LimitGrant(granted, retryAfter));
    }
}
