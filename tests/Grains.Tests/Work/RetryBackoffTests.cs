using Lector.Grains.Work;

namespace Lector.Grains.Tests.Work;

public sealed class RetryBackoffTests
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    [Fact]
    public void The_ceiling_doubles_per_attempt_up_to_the_cap()
    {
        var ceilings = Enumerable.Range(1, 7).Select(attempt => RetryBackoff.Ceiling(attempt, First, Cap).TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 30, 30], ceilings);
        Assert.Equal(Cap, RetryBackoff.Ceiling(5_000, First, Cap));
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryBackoff.Ceiling(0, First, Cap));
    }

    /// <summary>
    /// A thousand jobs that failed together draw their delays for the same attempt: they must cover the whole
    /// window like a uniform spread, not gather around a fixed delay or a few values, so none retry in lock-step.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void Delays_of_jobs_that_failed_together_spread_over_the_whole_window(int attempt)
    {
        const int jobs = 1_000;
        var random = new Random(4_2026);
        var ceiling = RetryBackoff.Ceiling(attempt, First, Cap).TotalMilliseconds;

        var delays = Enumerable.Range(0, jobs)
            .Select(_ => RetryBackoff.Delay(attempt, First, Cap, random).TotalMilliseconds / ceiling)
            .Order()
            .ToArray();

        Assert.All(delays, d => Assert.InRange(d, 0, Math.BitDecrement(1.0)));
        Assert.True(delays.Distinct().Count() >= jobs * 0.99, "delays repeat: jobs would retry in lock-step");
        Assert.InRange(delays[jobs / 10], 0.05, 0.15);
        Assert.InRange(delays[jobs / 2], 0.45, 0.55);
        Assert.InRange(delays[jobs * 9 / 10], 0.85, 0.95);

        // A uniform spread over [0, 1) has standard deviation 1/sqrt(12) ≈ 0.289; two clusters or a narrow band would not.
        var mean = delays.Average();
        var deviation = Math.Sqrt(delays.Sum(d => (d - mean) * (d - mean)) / jobs);
        Assert.InRange(deviation, 0.26, 0.32);

        // Every tenth of the window gets its share: no bucket holds a crowd.
        var buckets = delays.GroupBy(d => (int)(d * 10)).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(Enumerable.Range(0, 10), b => Assert.InRange(buckets.GetValueOrDefault(b), jobs / 20, jobs * 3 / 20));
    }
}
