using System.Globalization;
using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.Abstractions.Admin;
using Lector.Grains.Collections;
using Microsoft.Extensions.Logging;

namespace Lector.Grains.Admin;

/// <summary>The grain state older Lector versions kept the whole log in; read only to move it into rows.</summary>
public sealed class FailureLogState
{
    /// <summary>Oldest first.</summary>
    public List<FailureRecord> Items { get; set; } = [];
}

/// <summary>One row per failure in the collection store, all of them (a bounded number) in memory.</summary>
public sealed class FailureLogGrain(
    [PersistentState("failures")] IPersistentState<FailureLogState> legacyState,
    ICollectionStore store,
    ILogger<FailureLogGrain> logger) : Grain, IFailureLogGrain
{
    /// <summary>Operators look at what failed recently; older failures survive in the statistics only.</summary>
    public const int MaxKept = 1000;

    private CachedCollection<FailureRecord> _failures = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _failures = new CachedCollection<FailureRecord>(store, new CollectionKey("failures", this.GetPrimaryKeyLong().ToString(CultureInfo.InvariantCulture)));

        // Records have no id; a moved one is named by its place in the old list, the same on every try of the move.
        await _failures.MoveFromAsync(
            legacyState,
            state => CachedCollection<FailureRecord>.InAppendOrder(state.Items.Select((f, i) => ($"moved-{i.ToString(CultureInfo.InvariantCulture)}", f, f.At))),
            logger);
        await _failures.LoadAsync();
    }

    public async Task Add(FailureRecord failure)
    {
        await _failures.AppendAsync(Secrets.NewId(), failure, failure.At);
        await _failures.TrimAsync(MaxKept);
    }

    public Task<PagedResult<FailureRecord>> List(PageRequest page) => _failures.PageAsync(page);
}
