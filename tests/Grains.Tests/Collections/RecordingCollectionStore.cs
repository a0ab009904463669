using System.Collections.Concurrent;
using System.Text;
using Lector.Grains.Collections;

namespace Lector.Grains.Tests.Collections;

/// <summary>One call of <see cref="ICollectionStore.WriteAsync"/>: which collection, which rows.</summary>
public sealed record RecordedWrite(CollectionKey Collection, IReadOnlyList<CollectionRow> Rows)
{
    /// <summary>What the write puts in the database: each row's id, sort key (8 bytes) and payload, as UTF-8.</summary>
    public int Bytes => Rows.Sum(r => Encoding.UTF8.GetByteCount(r.Id) + sizeof(long) + Encoding.UTF8.GetByteCount(r.Payload));
}

/// <summary>The real store, with every write also noted in a log the tests read (shared by all silos).</summary>
public sealed class RecordingCollectionStore(ICollectionStore inner, ConcurrentQueue<RecordedWrite> writes) : ICollectionStore
{
    public Task WriteAsync(CollectionKey collection, IReadOnlyCollection<CollectionRow> rows, CancellationToken cancellationToken = default)
    {
        writes.Enqueue(new RecordedWrite(collection, [.. rows]));
        return inner.WriteAsync(collection, rows, cancellationToken);
    }

    public Task<bool> RemoveAsync(CollectionKey collection, string id, CancellationToken cancellationToken = default) =>
        inner.RemoveAsync(collection, id, cancellationToken);

    public Task<IReadOnlyList<CollectionRow>> ReadAsync(CollectionKey collection, int skip, int take, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(collection, skip, take, cancellationToken);

    public Task<int> CountAsync(CollectionKey collection, CancellationToken cancellationToken = default) =>
        inner.CountAsync(collection, cancellationToken);

    public Task<int> TrimAsync(CollectionKey collection, int keep, CancellationToken cancellationToken = default) =>
        inner.TrimAsync(collection, keep, cancellationToken);
}
