using Lector.Abstractions;
using Lector.Abstractions.Admin;

namespace Lector.Grains.Admin;

public sealed class FailureLogState
{
    /// <summary>Oldest first.</summary>
    public List<FailureRecord> Items { get; set; } = [];
}

public sealed class FailureLogGrain([PersistentState("failures")] IPersistentState<FailureLogState> state) : Grain, IFailureLogGrain
{
    /// <summary>Operators look at what failed recently; older failures survive in the statistics only.</summary>
    public const int MaxKept = 1000;

    public async Task Add(FailureRecord failure)
    {
        state.State.Items.Add(failure);
        if (state.State.Items.Count > MaxKept)
        {
            state.State.Items.RemoveRange(0, state.State.Items.Count - MaxKept);
        }

        await state.WriteStateAsync();
    }

    public Task<PagedResult<FailureRecord>> List(PageRequest page) =>
        Task.FromResult(PagedResult<FailureRecord>.From([.. Enumerable.Reverse(state.State.Items)], page));
}
