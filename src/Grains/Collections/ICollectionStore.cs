namespace Lector.Grains.Collections;

/// <summary>
/// Collections stored one row per item in the grain state database (tables from Storage/Sql/*-collections.sql), so
/// a change costs one small write however large the collection is. The order is newest first (larger sort key
/// first), ties by ordinal id. The store does not order writers: each collection has one grain that writes it.
/// </summary>
public interface ICollectionStore
{
    /// <summary>Inserts or replaces each row by id, all in one transaction.</summary>
    Task WriteAsync(CollectionKey collection, IReadOnlyCollection<CollectionRow> rows, CancellationToken cancellationToken = default);

    /// <summary>Whether there was a row to remove.</summary>
    Task<bool> RemoveAsync(CollectionKey collection, string id, CancellationToken cancellationToken = default);

    /// <summary>Rows in order, newest first, after skipping <paramref name="skip"/>.</summary>
    Task<IReadOnlyList<CollectionRow>> ReadAsync(CollectionKey collection, int skip, int take, CancellationToken cancellationToken = default);

    Task<int> CountAsync(CollectionKey collection, CancellationToken cancellationToken = default);

    /// <summary>Removes all but the newest <paramref name="keep"/> rows; returns how many went.</summary>
    Task<int> TrimAsync(CollectionKey collection, int keep, CancellationToken cancellationToken = default);
}
