using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Work;
using Lector.Grains.Storage;

namespace Lector.Grains.Work;

/// <summary>
/// Grains with unfinished work, and how they are asked to resume. Audio is found in its own records (a pending
/// or half-deleted audio says so in the state it writes anyway, which the audio table mirrors), so the busiest
/// path pays no bookkeeping writes; the rarer kinds of work (ingestion, deletes, jobs, webhooks) are listed in
/// the sharded pending-work grains.
/// </summary>
public sealed class PendingWork(IGrainFactory grains, IAudioRecords audioRecords)
{
    private const int AudioPageSize = 256;
    private const int ResumesAtOnce = 32;

    public Task AddAsync(GrainId grain) => Shard(grain).Add(grain);

    public Task RemoveAsync(GrainId grain) => Shard(grain).Remove(grain);

    /// <summary>Asks every listed grain and every unfinished audio to resume; returns how many were asked.</summary>
    public async Task<int> ResumeAllAsync(CancellationToken cancellationToken)
    {
        var resumed = 0;
        for (var shard = 0; shard < IPendingWorkGrain.ShardCount; shard++)
        {
            var pending = await grains.Grain<IPendingWorkGrain>(shard).List().WaitAsync(cancellationToken);
            await Task.WhenAll(pending.Select(id => grains.GetGrain<IResumableGrain>(id).Resume()));
            resumed += pending.Count;
        }

        return resumed + await ResumeUnfinishedAudioAsync(cancellationToken);
    }

    /// <summary>Asks every audio whose stored state is unfinished to resume (a no-op for one already at work); returns how many.</summary>
    public Task<int> ResumeUnfinishedAudioAsync(CancellationToken cancellationToken) =>
        PagedVisits.VisitAllAsync<string>(
            (after, limit) => audioRecords.UnfinishedAsync(after, limit, cancellationToken),
            AudioPageSize,
            ResumesAtOnce,
            key => grains.Grain<IPageVoiceMaintenanceGrain>(key).Resume());

    private IPendingWorkGrain Shard(GrainId grain) => grains.Grain<IPendingWorkGrain>(IPendingWorkGrain.ShardOf(grain));
}
