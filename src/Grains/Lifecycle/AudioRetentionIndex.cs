using Lector.Abstractions.Audio;
using Lector.Abstractions.Lifecycle;

namespace Lector.Grains.Lifecycle;

/// <summary>Reaches the right shard of the retention index.</summary>
public sealed class AudioRetentionIndex(IGrainFactory grains)
{
    public Task TrackAsync(string audioGrainKey, AudioRetention retention) =>
        grains.GetGrain<IAudioRetentionGrain>(IAudioRetentionGrain.ShardOf(audioGrainKey)).Track(audioGrainKey, retention);

    /// <summary>Sweeps every shard; returns how many audio were visited.</summary>
    public async Task<int> SweepAllAsync()
    {
        var visited = await Task.WhenAll(Enumerable.Range(0, IAudioRetentionGrain.ShardCount).Select(s => grains.GetGrain<IAudioRetentionGrain>(s).Sweep()));
        return visited.Sum();
    }

    public async Task<IReadOnlyList<string>> ListAllAsync()
    {
        var keys = await Task.WhenAll(Enumerable.Range(0, IAudioRetentionGrain.ShardCount).Select(s => grains.GetGrain<IAudioRetentionGrain>(s).List()));
        return [.. keys.SelectMany(k => k)];
    }
}
