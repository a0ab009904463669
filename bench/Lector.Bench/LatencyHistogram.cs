using System.Numerics;

namespace Lector.Bench;

/// <summary>
/// Latencies in microseconds in log-linear buckets (HdrHistogram's idea): exact below 128 µs, then 64
/// sub-buckets per power of two, so any percentile is within about 1.6% of the true value in constant memory.
/// Not thread-safe: each load worker records into its own and they are merged.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 7;
    private const int SubBuckets = 1 << SubBucketBits;
    private readonly long[] _counts = new long[64 * SubBuckets];

    public long Count { get; private set; }

    public void Record(TimeSpan latency)
    {
        var micros = Math.Max(0, (long)latency.TotalMicroseconds);
        _counts[IndexOf(micros)]++;
        Count++;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
    }

    /// <summary>The latency at or below which <paramref name="percent"/> of the recorded ones are.</summary>
    public TimeSpan Percentile(double percent)
    {
        if (Count == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percent / 100 * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return TimeSpan.FromMicroseconds(MidpointOf(i));
            }
        }

        throw new InvalidOperationException("The counts do not add up to the total.");
    }

    private static int IndexOf(long micros)
    {
        if (micros < SubBuckets)
        {
            return (int)micros;
        }

        var shift = 64 - BitOperations.LeadingZeroCount((ulong)micros) - SubBucketBits;
        return (shift * SubBuckets) + (int)(micros >> shift);
    }

    private static double MidpointOf(int index)
    {
        var shift = index / SubBuckets;
        var sub = index % SubBuckets;
        return shift == 0 ? sub : (sub << shift) + ((1L << shift) / 2.0);
    }
}
