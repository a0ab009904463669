using Lector.Grains.Collections;
using Microsoft.Extensions.Logging;

namespace Lector.Grains.Documents;

/// <summary>The grain state older Lector versions kept the whole index in; read only to move it into rows.</summary>
public sealed class SummaryIndexState<TSummary>
{
    public Dictionary<string, TSummary> Items { get; set; } = [];
}

/// <summary>
/// A per-user list of document summaries, pushed by the document grains, so that a listing page costs one grain
/// call however many documents there are. Each summary is one row of the collection store; a change writes only
/// that row, and the list is read once per activation, at the first listing.
/// </summary>
public abstract class SummaryIndexGrain<TSummary>(
    IPersistentState<SummaryIndexState<TSummary>> legacyState,
    ICollectionStore store,
    ILogger logger) : Grain
    where TSummary : class
{
    private CachedCollection<TSummary> _summaries = null!;

    /// <summary>The summaries, newest first by <see cref="SortKeyOf"/>.</summary>
    protected CachedCollection<TSummary> Summaries => _summaries;

    protected ICollectionStore Store => store;

    /// <summary>The collection's kind in the store; the name the grain state had.</summary>
    protected abstract string Kind { get; }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _summaries = new CachedCollection<TSummary>(store, new CollectionKey(Kind, this.GetPrimaryKeyString()));
        await _summaries.MoveFromAsync(legacyState, state => [.. state.Items.Select(i => (i.Key, SortKey(i.Value), i.Value))], logger);
    }

    public Task Upsert(TSummary summary) => _summaries.UpsertAsync(IdOf(summary), summary, SortKey(summary));

    public virtual Task Remove(string documentId) => _summaries.RemoveAsync(documentId);

    protected abstract string IdOf(TSummary summary);

    protected abstract DateTimeOffset SortKeyOf(TSummary summary);

    private long SortKey(TSummary summary) => SortKeyOf(summary).UtcTicks;
}
