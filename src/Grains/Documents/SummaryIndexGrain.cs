using Lector.Abstractions;

namespace Lector.Grains.Documents;

public sealed class SummaryIndexState<TSummary>
{
    public Dictionary<string, TSummary> Items { get; set; } = [];
}

/// <summary>
/// A per-user list of document summaries, pushed by the document grains, so that a listing
/// page costs one grain call however many documents there are.
/// </summary>
public abstract class SummaryIndexGrain<TSummary>(IPersistentState<SummaryIndexState<TSummary>> state) : Grain
    where TSummary : class
{
    private List<TSummary>? _newestFirst;

    public async Task Upsert(TSummary summary)
    {
        var id = IdOf(summary);
        if (state.State.Items.TryGetValue(id, out var existing) && existing.Equals(summary))
        {
            return;
        }

        state.State.Items[id] = summary;
        _newestFirst = null;
        await state.WriteStateAsync();
    }

    public async Task Remove(string documentId)
    {
        if (state.State.Items.Remove(documentId))
        {
            _newestFirst = null;
            await state.WriteStateAsync();
        }
    }

    public Task<PagedResult<TSummary>> List(PageRequest request)
    {
        _newestFirst ??= [.. state.State.Items.Values.OrderByDescending(SortKeyOf).ThenBy(IdOf, StringComparer.Ordinal)];
        return Task.FromResult(PagedResult<TSummary>.From(_newestFirst, request));
    }

    protected abstract string IdOf(TSummary summary);

    protected abstract DateTimeOffset SortKeyOf(TSummary summary);
}
