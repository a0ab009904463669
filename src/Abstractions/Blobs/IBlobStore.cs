namespace Lector.Abstractions.Blobs;

/// <summary>
/// Where originals and audio bytes live. Keys are relative, lower-case, slash-separated paths
/// (<see cref="BlobKeys.IsValid"/>); every method refuses any other key with <see cref="ArgumentException"/>.
/// Failures of the store itself surface as <see cref="BlobStoreException"/>.
/// </summary>
public interface IBlobStore
{
    /// <summary>Writes the whole object or nothing: readers never see a partial blob, and of concurrent writers one wins whole.</summary>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>
    /// A read-only, seekable stream over the object with its length known, or null when it does not exist.
    /// Seeking is cheap: a remote store fetches only from the position read on, so HTTP range requests stay ranged.
    /// </summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Idempotent: deleting a missing object succeeds.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every object whose key starts with <paramref name="prefix"/> (empty: all), in ordinal key order; with
    /// <paramref name="startAfter"/>, only keys that sort after it (it need not exist), so a long listing can be
    /// taken in pieces. What sorts before it is skipped without being read.
    /// </summary>
    IAsyncEnumerable<BlobInfo> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// A short-lived URL a client can GET the object from directly, or null when this store does not hand out
    /// such URLs (then the caller streams the bytes itself). The caller must have checked access first.
    /// </summary>
    Task<Uri?> GetReadUrlAsync(string key, string contentType, CancellationToken cancellationToken = default);
}
