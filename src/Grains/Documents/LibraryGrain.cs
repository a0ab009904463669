using Lector.Abstractions;
using Lector.Abstractions.Documents;

namespace Lector.Grains.Documents;

public sealed class LibraryState
{
    public Dictionary<string, DocumentSummary> Documents { get; set; } = [];
}

public sealed class LibraryGrain(
    [PersistentState("library")] IPersistentState<LibraryState> state) : Grain, ILibraryGrain
{
    private List<DocumentSummary>? _newestFirst;

    public async Task Upsert(DocumentSummary summary)
    {
        if (state.State.Documents.TryGetValue(summary.Id, out var existing) && existing == summary)
        {
            return;
        }

        state.State.Documents[summary.Id] = summary;
        _newestFirst = null;
        await state.WriteStateAsync();
    }

    public async Task Remove(string documentId)
    {
        if (state.State.Documents.Remove(documentId))
        {
            _newestFirst = null;
            await state.WriteStateAsync();
        }
    }

    public Task<PagedResult<DocumentSummary>> List(PageRequest request)
    {
        _newestFirst ??= [.. state.State.Documents.Values.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id, StringComparer.Ordinal)];
        return Task.FromResult(PagedResult<DocumentSummary>.From(_newestFirst, request));
    }
}
