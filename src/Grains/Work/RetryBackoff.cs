namespace Lector.Grains.Work;

/// <summary>Exponential backoff with full jitter, for work retried after a failure (synthesis, webhook delivery).</summary>
public static class RetryBackoff
{
    /// <summary>
    /// The wait before retry <paramref name="attempt"/> (1 = after the first failure): uniform in [0, ceiling), where
    /// the ceiling doubles from <paramref name="first"/> per attempt up to <paramref name="cap"/>. Drawing from the
    /// whole window, rather than adding a little noise to a fixed delay, is what keeps jobs that failed together
    /// (say, all throttled at once) from retrying together.
    /// </summary>
    public static TimeSpan Delay(int attempt, TimeSpan first, TimeSpan cap, Random random) =>
        Ceiling(attempt, first, cap) * random.NextDouble();

    /// <summary>The exclusive upper bound of <see cref="Delay"/> for <paramref name="attempt"/>.</summary>
    public static TimeSpan Ceiling(int attempt, TimeSpan first, TimeSpan cap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        return TimeSpan.FromTicks((long)Math.Min(cap.Ticks, first.Ticks * Math.Pow(2, attempt - 1)));
    }
}
