using Lector.Abstractions.Work;

namespace Lector.Grains.Work;

/// <summary>Records and clears grains with unfinished work in the right shard of the pending-work list.</summary>
public sealed class PendingWork(IGrainFactory grains)
{
    public Task AddAsync(GrainId grain) => Shard(grain).Add(grain);

    public Task RemoveAsync(GrainId grain) => Shard(grain).Remove(grain);

    /// <summary>Asks every listed grain to resume; returns how many were asked.</summary>
    public async Task<int> ResumeAllAsync(CancellationToken cancellationToken)
    {
        var resumed = 0;
        for (var shard = 0; shard < IPendingWorkGrain.ShardCount; shard++)
        {
            var pending = await grains.GetGrain<IPendingWorkGrain>(shard).List().WaitAsync(cancellationToken);
            await Task.WhenAll(pending.Select(id => grains.GetGrain<IResumableGrain>(id).Resume()));
            resumed += pending.Count;
        }

        return resumed;
    }

    private IPendingWorkGrain Shard(GrainId grain) => grains.GetGrain<IPendingWorkGrain>(IPendingWorkGrain.ShardOf(grain));
}
