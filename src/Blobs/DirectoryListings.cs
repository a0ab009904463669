using System.Collections.Concurrent;

namespace Lector.Blobs;

/// <summary>
/// The sorted entries of a few large directories (the store's top levels hold one entry per document), kept while the
/// directory's modification time says no entry was added, removed or renamed since: a listing that resumes there
/// then costs one stat instead of reading and sorting every entry again, so a reconciler pass does not grow with the
/// number of documents. Memory stays bounded: at most <see cref="MaxDirectories"/> directories of at most
/// <see cref="MaxEntries"/> entries each.
/// </summary>
internal sealed class DirectoryListings
{
    /// <summary>Smaller directories are read each time: it costs less than keeping them.</summary>
    public const int MinEntries = 1_000;

    public const int MaxEntries = 250_000;

    private const int MaxDirectories = 8;

    /// <summary>
    /// A directory changed less than this ago may change again within the same timestamp tick, which its modification
    /// time would not show: it is not kept until it has been still for this long.
    /// </summary>
    private static readonly TimeSpan Settled = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, Listing> _listings = new(StringComparer.Ordinal);

    /// <summary>The entries of the directory at <paramref name="path"/>, from <paramref name="read"/> or kept from before.</summary>
    public IReadOnlyList<T> Read<T>(string path, Func<List<T>> read)
    {
        // Taken before reading: a change after this point leaves a newer time on the directory, so it is read again.
        var modified = Directory.GetLastWriteTimeUtc(path);
        if (_listings.TryGetValue(path, out var kept) && kept.Modified == modified && kept.Entries is IReadOnlyList<T> entries)
        {
            return entries;
        }

        var fresh = read();
        if (fresh.Count is >= MinEntries and <= MaxEntries && DateTime.UtcNow - modified >= Settled)
        {
            if (_listings.Count >= MaxDirectories && !_listings.ContainsKey(path))
            {
                _listings.Clear();
            }

            _listings[path] = new Listing(modified, fresh);
        }
        else
        {
            _listings.TryRemove(path, out _);
        }

        return fresh;
    }

    private sealed record Listing(DateTime Modified, object Entries);
}
