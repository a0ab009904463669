using System.Globalization;
using Lector.Abstractions;
using Lector.Abstractions.Documents;
using Lector.Grains.Collections;
using Microsoft.Extensions.Logging;

namespace Lector.Grains.Documents;

/// <summary>
/// The user's documents and positions, two collections read once per activation. A listing filters and orders them
/// in memory: one user's library is small enough, and a position saved every few seconds of listening must not
/// rewrite the document's row.
/// </summary>
public sealed class LibraryGrain(
    [PersistentState("library")] IPersistentState<SummaryIndexState<DocumentSummary>> legacyState,
    ICollectionStore store,
    ILogger<LibraryGrain> logger)
    : SummaryIndexGrain<DocumentSummary>(legacyState, store, logger), ILibraryGrain
{
    /// <summary>Positions kept per user, the most recent first; older ones (documents long unheard, or no longer shared) go.</summary>
    private const int MaxPositions = 1_000;

    private static readonly CompareInfo Titles = CultureInfo.InvariantCulture.CompareInfo;

    private CachedCollection<ListeningPosition> _positions = null!;

    protected override string Kind => "library";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        _positions = new CachedCollection<ListeningPosition>(Store, new CollectionKey("positions", this.GetPrimaryKeyString()));
    }

    public async Task<PagedResult<DocumentSummary>> List(PageRequest request, LibraryQuery query)
    {
        await Task.WhenAll(Summaries.LoadAsync(), _positions.LoadAsync());
        var search = query.Search?.Trim();
        var matching = Summaries.Entries.Select(e => e.Item)
            .Where(d => string.IsNullOrEmpty(search) || Titles.IndexOf(d.Title, search, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0)
            .Select(d => _positions.TryGet(d.Id, out var position) ? d with { Position = position } : d);
        var ordered = query.Sort switch
        {
            LibrarySort.Title => matching.OrderBy(d => d.Title, StringComparer.Create(CultureInfo.InvariantCulture, CompareOptions.IgnoreCase)).ThenByDescending(d => d.CreatedAt),
            LibrarySort.Added => matching.OrderByDescending(d => d.CreatedAt),
            _ => matching.OrderByDescending(d => d.LastListenedAt ?? DateTimeOffset.MinValue).ThenByDescending(d => d.CreatedAt),
        };
        return PagedResult<DocumentSummary>.From([.. ordered], request);
    }

    public async Task SavePosition(string documentId, ListeningPosition position)
    {
        await _positions.LoadAsync();
        await _positions.UpsertAsync(documentId, position, position.UpdatedAt.UtcTicks);
        await _positions.TrimAsync(MaxPositions);
    }

    public async Task<ListeningPosition?> GetPosition(string documentId)
    {
        await _positions.LoadAsync();
        return _positions.TryGet(documentId, out var position) ? position : null;
    }

    public override async Task Remove(string documentId)
    {
        await base.Remove(documentId);
        await _positions.RemoveAsync(documentId);
    }

    protected override string IdOf(DocumentSummary summary) => summary.Id;

    protected override DateTimeOffset SortKeyOf(DocumentSummary summary) => summary.CreatedAt;
}
