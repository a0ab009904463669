using Lector.Abstractions.Work;

namespace Lector.Grains.Work;

public sealed class PendingWorkState
{
    /// <summary>Grain ids in their string form, which round-trips through <see cref="GrainId.Parse(string)"/>.</summary>
    public HashSet<string> Grains { get; set; } = [];
}

public sealed class PendingWorkGrain(
    [PersistentState("pendingWork")] IPersistentState<PendingWorkState> state) : Grain, IPendingWorkGrain
{
    public async Task Add(GrainId grain)
    {
        if (state.State.Grains.Add(grain.ToString()))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task Remove(GrainId grain)
    {
        if (state.State.Grains.Remove(grain.ToString()))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<GrainId>> List() =>
        Task.FromResult<IReadOnlyList<GrainId>>([.. state.State.Grains.Select(g => GrainId.Parse(g))]);
}
