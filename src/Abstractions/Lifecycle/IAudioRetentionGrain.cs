using Lector.Abstractions.Audio;

namespace Lector.Abstractions.Lifecycle;

/// <summary>
/// One shard of the durable index of completed audio and their retention clocks. A sweep visits only the
/// audio due for a warning or for expiry, so retention never has to activate every audio grain, and the
/// index survives restarts in embedded mode, where reminders are in memory only.
/// </summary>
[Alias("Lector.IAudioRetentionGrain")]
public interface IAudioRetentionGrain : IGrainWithIntegerKey
{
    public const int ShardCount = 8;

    /// <summary>Records (or replaces) an audio's retention facts; the audio grain stays the authority, the index only says when to ask it.</summary>
    [Alias("Track")]
    Task Track(string audioGrainKey, AudioRetention retention);

    /// <summary>Asks every audio due for a warning or expiry to apply retention; returns how many were visited.</summary>
    [Alias("Sweep")]
    Task<int> Sweep();

    /// <summary>The grain keys of every tracked audio.</summary>
    [Alias("List")]
    Task<IReadOnlyList<string>> List();

    public static long ShardOf(string audioGrainKey) => (uint)StableHash(audioGrainKey) % ShardCount;

    // string.GetHashCode is randomized per process; shards must agree across silos and restarts.
    private static int StableHash(string value)
    {
        var hash = unchecked((int)2166136261);
        foreach (var c in value)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        return hash;
    }
}
