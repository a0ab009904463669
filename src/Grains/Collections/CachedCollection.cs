using System.Text.Json;
using Lector.Abstractions;
using Lector.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Lector.Grains.Collections;

/// <summary>
/// A grain's copy of one stored collection. A change writes only the rows it touches; the whole collection, once
/// read, stays in memory in order, so a listing page costs no database round trip (measured faster than paging
/// in SQL at 10,000 items). The owning grain is the collection's only writer, which keeps the copy true.
/// </summary>
public sealed class CachedCollection<T>(ICollectionStore store, CollectionKey key)
    where T : class
{
    /// <summary>Newest first, ties by ordinal id: the order the store reads in.</summary>
    private static readonly Comparer<(string Id, long SortKey, T Item)> NewestFirst = Comparer<(string Id, long SortKey, T Item)>.Create(
        (a, b) => a.SortKey != b.SortKey ? b.SortKey.CompareTo(a.SortKey) : string.CompareOrdinal(a.Id, b.Id));

    private List<(string Id, long SortKey, T Item)>? _entries;
    private Dictionary<string, (string Id, long SortKey, T Item)>? _byId;

    /// <summary>Changes whenever the copy in memory does, so what a grain derives from it can be kept until then.</summary>
    public long Version { get; private set; }

    /// <summary>Every item, newest first; the collection must be loaded.</summary>
    public IReadOnlyList<(string Id, long SortKey, T Item)> Entries => _entries ?? throw NotLoaded();

    /// <summary>Reads the whole collection unless it is in memory already.</summary>
    public async Task LoadAsync()
    {
        if (_entries is not null)
        {
            return;
        }

        var rows = await store.ReadAsync(key, 0, int.MaxValue);
        _entries = [.. rows.Select(r => (r.Id, r.SortKey, JsonSerializer.Deserialize<T>(r.Payload, JsonGrainStateSerializer.Options)!))];
        _byId = _entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        Version++;
    }

    /// <summary>The item with this id, from the copy in memory; the collection must be loaded.</summary>
    public bool TryGet(string id, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T item)
    {
        var found = (_byId ?? throw NotLoaded()).TryGetValue(id, out var entry);
        item = entry.Item;
        return found;
    }

    /// <summary>Same paging as <see cref="PagedResult{T}.From"/>, over the items newest first.</summary>
    public async Task<PagedResult<T>> PageAsync(PageRequest request)
    {
        await LoadAsync();
        return new PagedResult<T>([.. _entries!.Skip(request.Skip).Take(request.PageSize).Select(e => e.Item)], request.Page, request.PageSize, _entries!.Count);
    }

    /// <summary>Writes one item, unless the copy in memory shows it stored already exactly so.</summary>
    public async Task UpsertAsync(string id, T item, long sortKey)
    {
        if (_byId is not null && _byId.TryGetValue(id, out var stored) && stored.SortKey == sortKey && stored.Item.Equals(item))
        {
            return;
        }

        await WriteAsync([(id, sortKey, item)]);
    }

    /// <summary>Adds an item after every other: its sort key is its time, or one past the newest when the clock lags.</summary>
    public Task AppendAsync(string id, T item, DateTimeOffset at) =>
        WriteAsync([(id, After(Entries.Count == 0 ? null : Entries[0].SortKey, at), item)]);

    /// <summary>Writes new versions of items already in the collection, in place, in one transaction.</summary>
    public Task ReplaceAsync(IEnumerable<(string Id, T Item)> items) =>
        WriteAsync([.. items.Select(i => (i.Id, (_byId ?? throw NotLoaded())[i.Id].SortKey, i.Item))]);

    public async Task RemoveAsync(string id)
    {
        if (_byId is not null && !_byId.ContainsKey(id))
        {
            return;
        }

        await store.RemoveAsync(key, id);
        if (_byId is not null && _byId.Remove(id, out var removed))
        {
            _entries!.RemoveAt(_entries.BinarySearch(removed, NewestFirst));
            Version++;
        }
    }

    /// <summary>Keeps the newest <paramref name="keep"/> items. The database trims whatever is beyond the bound, even rows the copy in memory never saw.</summary>
    public async Task TrimAsync(int keep)
    {
        var entries = _entries ?? throw NotLoaded();
        if (entries.Count <= keep)
        {
            return;
        }

        await store.TrimAsync(key, keep);
        foreach (var dropped in entries.Skip(keep))
        {
            _byId!.Remove(dropped.Id);
        }

        entries.RemoveRange(keep, entries.Count - keep);
        Version++;
    }

    /// <summary>
    /// Moves the items an older Lector kept inside the grain state into rows, then clears that state. Run it in
    /// the activation, before any other turn. A crash between the two steps repeats the move on the next
    /// activation, which writes the same rows again, so the entries given must not change from one try to the next.
    /// </summary>
    public async Task MoveFromAsync<TState>(IPersistentState<TState> legacy, Func<TState, IReadOnlyCollection<(string Id, long SortKey, T Item)>> entriesOf, ILogger logger)
    {
        var entries = entriesOf(legacy.State);
        if (entries.Count == 0)
        {
            return;
        }

        await store.WriteAsync(key, [.. entries.Select(Row)]);
        await legacy.ClearStateAsync();
        _entries = null;
        _byId = null;
        CollectionLog.Moved(logger, entries.Count, key.Kind, key.Owner);
    }

    /// <summary>Sort keys for items listed oldest first, as <see cref="AppendAsync"/> would have given them.</summary>
    public static IReadOnlyCollection<(string Id, long SortKey, T Item)> InAppendOrder(IEnumerable<(string Id, T Item, DateTimeOffset At)> oldestFirst)
    {
        var entries = new List<(string Id, long SortKey, T Item)>();
        long? newest = null;
        foreach (var (id, item, at) in oldestFirst)
        {
            newest = After(newest, at);
            entries.Add((id, newest.Value, item));
        }

        return entries;
    }

    private static long After(long? newest, DateTimeOffset at) => newest is { } n ? Math.Max(at.UtcTicks, n + 1) : at.UtcTicks;

    private static CollectionRow Row((string Id, long SortKey, T Item) entry) =>
        new(entry.Id, entry.SortKey, JsonSerializer.Serialize(entry.Item, JsonGrainStateSerializer.Options));

    private static InvalidOperationException NotLoaded() => new($"The collection is not loaded; call {nameof(LoadAsync)} first.");

    private async Task WriteAsync(IReadOnlyCollection<(string Id, long SortKey, T Item)> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await store.WriteAsync(key, [.. entries.Select(Row)]);
        if (_entries is null)
        {
            return;
        }

        foreach (var entry in entries)
        {
            if (_byId!.Remove(entry.Id, out var previous))
            {
                _entries.RemoveAt(_entries.BinarySearch(previous, NewestFirst));
            }

            var at = _entries.BinarySearch(entry, NewestFirst);
            _entries.Insert(~at, entry);
            _byId[entry.Id] = entry;
        }

        Version++;
    }
}

internal static partial class CollectionLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Count} items of {Kind} collection {Owner} from the grain state into rows")]
    public static partial void Moved(ILogger logger, int count, string kind, string owner);
}
