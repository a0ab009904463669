using System.Globalization;
using Lector.Abstractions;
using Lector.Abstractions.Documents;
using Lector.Grains.Collections;
using Microsoft.Extensions.Logging;

namespace Lector.Grains.Documents;

/// <summary>
/// The user's documents and positions, two collections read once per activation. A listing filters and orders them
/// in memory: one user's library is small enough, and a position saved every few seconds of listening must not
/// rewrite the document's row. The orders asked for lately are kept until either collection changes, so paging
/// through a library costs a slice, not a sort, per page.
/// </summary>
public sealed class LibraryGrain(
    [PersistentState("library")] IPersistentState<SummaryIndexState<DocumentSummary>> legacyState,
    ICollectionStore store,
    ILogger<LibraryGrain> logger)
    : SummaryIndexGrain<DocumentSummary>(legacyState, store, logger), ILibraryGrain
{
    /// <summary>Positions kept per user, the most recent first; older ones (documents long unheard, or no longer shared) go.</summary>
    private const int MaxPositions = 1_000;

    /// <summary>Orders kept at once (searches and sorts a user switches between); more start the set over.</summary>
    private const int MaxKeptOrders = 8;

    private static readonly CompareInfo Titles = CultureInfo.InvariantCulture.CompareInfo;

    private readonly Dictionary<(string Search, LibrarySort Sort), DocumentSummary[]> _orders = [];
    private (long Summaries, long Positions) _ordersOf = (-1, -1);

    private CachedCollection<ListeningPosition> _positions = null!;

    /// <summary>Tells this activation's versions from an earlier one's, whose counters started at the same numbers.</summary>
    private readonly string _activationTag = Guid.NewGuid().ToString("N")[..12];

    protected override string Kind => "library";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        _positions = new CachedCollection<ListeningPosition>(Store, new CollectionKey("positions", this.GetPrimaryKeyString()));
    }

    public async Task<PagedResult<DocumentSummary>> List(PageRequest request, LibraryQuery query) =>
        (await ListIfChanged(request, query, knownVersion: null)).Page!;

    public async Task<LibraryListing> ListIfChanged(PageRequest request, LibraryQuery query, string? knownVersion)
    {
        await Task.WhenAll(Summaries.LoadAsync(), _positions.LoadAsync());
        var version = $"{_activationTag}.{Summaries.Version}.{_positions.Version}";
        return version == knownVersion
            ? new LibraryListing(version, null)
            : new LibraryListing(version, PagedResult<DocumentSummary>.From(Ordered(query.Search?.Trim() ?? "", query.Sort), request));
    }

    private DocumentSummary[] Ordered(string search, LibrarySort sort)
    {
        if (_ordersOf != (Summaries.Version, _positions.Version))
        {
            _orders.Clear();
            _ordersOf = (Summaries.Version, _positions.Version);
        }

        if (_orders.TryGetValue((search, sort), out var kept))
        {
            return kept;
        }

        var matching = Summaries.Entries.Select(e => e.Item)
            .Where(d => search.Length == 0 || Titles.IndexOf(d.Title, search, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0)
            .Select(d => _positions.TryGet(d.Id, out var position) ? d with { Position = position } : d);
        DocumentSummary[] ordered = [.. sort switch
        {
            LibrarySort.Title => matching.OrderBy(d => d.Title, StringComparer.Create(CultureInfo.InvariantCulture, CompareOptions.IgnoreCase)).ThenByDescending(d => d.CreatedAt),
            LibrarySort.Added => matching.OrderByDescending(d => d.CreatedAt),
            _ => matching.OrderByDescending(d => d.LastListenedAt ?? DateTimeOffset.MinValue).ThenByDescending(d => d.CreatedAt),
        }];
        if (_orders.Count >= MaxKeptOrders)
        {
            _orders.Clear();
        }

        _orders[(search, sort)] = ordered;
        return ordered;
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
