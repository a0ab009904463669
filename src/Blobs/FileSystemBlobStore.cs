using System.IO.Enumeration;
using Lector.Abstractions.Blobs;

namespace Lector.Blobs;

/// <summary>Blobs as files under one root directory; writes go to a temp file that is then renamed into place.</summary>
public sealed class FileSystemBlobStore : IBlobStore
{
    private readonly string _root;
    private readonly DirectoryListings _listings = new();

    public FileSystemBlobStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        try
        {
            await WriteAsync(path, content, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full, read-only or failing disk: the store is unavailable until someone makes room or mends it.
            throw new BlobStoreException(BlobFailure.Unavailable, "put", e.GetType().Name);
        }
    }

    private static async Task WriteAsync(string path, Stream content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Temp names start with a dot, which no valid key segment does, so listings and readers never see them.
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            Stream stream = new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(File.Exists(PathOf(key)));

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was ever stored under that directory: already deleted.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BlobStoreException(BlobFailure.Unavailable, "delete", e.GetType().Name);
        }

        return Task.CompletedTask;
    }

    public IAsyncEnumerable<BlobInfo> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default)
    {
        BlobKeys.EnsureValidPrefix(prefix);

        // Walk from the deepest directory the prefix names; the rest of it filters.
        var directory = prefix[..(prefix.LastIndexOf('/') + 1)];
        return Enumerate(directory, prefix, startAfter).ToAsyncEnumerable();
    }

    /// <summary>
    /// The keys under the directory <paramref name="directory"/> (a key prefix ending in '/', or empty) in ordinal order:
    /// each directory's entries are sorted with a directory named as its keys begin ("x/"), so "x.mp3" comes before
    /// "x/1.mp3" as in a key comparison. Entries wholly before <paramref name="startAfter"/> or outside the prefix are
    /// skipped unread, so a listing that resumes deep in a large tree reads one directory per level on its way there.
    /// </summary>
    private IEnumerable<BlobInfo> Enumerate(string directory, string prefix, string? startAfter)
    {
        var path = Path.Combine(_root, directory);
        if (!Directory.Exists(path))
        {
            yield break;
        }

        foreach (var (key, isDirectory) in _listings.Read(path, () => SortedEntries(path, directory)))
        {
            var overlapsPrefix = key.StartsWith(prefix, StringComparison.Ordinal) || (isDirectory && prefix.StartsWith(key, StringComparison.Ordinal));
            if (!overlapsPrefix)
            {
                continue;
            }

            if (isDirectory)
            {
                // A directory that sorts before the cursor holds keys after it only when the cursor lies inside it.
                var holdsCursor = startAfter is not null && startAfter.StartsWith(key, StringComparison.Ordinal);
                if (startAfter is not null && !holdsCursor && string.CompareOrdinal(key, startAfter) < 0)
                {
                    continue;
                }

                foreach (var blob in Enumerate(key, prefix, holdsCursor ? startAfter : null))
                {
                    yield return blob;
                }
            }
            else if ((startAfter is null || string.CompareOrdinal(key, startAfter) > 0) && BlobKeys.IsValid(key) && new FileInfo(Path.Combine(_root, key)) is { Exists: true } file)
            {
                yield return new BlobInfo(key, file.Length, file.LastWriteTimeUtc);
            }
        }
    }

    /// <summary>
    /// The keys and kinds of a directory's entries in key order. Names and kinds only, no stat per entry: a resumed
    /// listing reads each directory on its way whole, so that read is kept cheap. Files being written start with a dot.
    /// </summary>
    private static List<(string Key, bool IsDirectory)> SortedEntries(string path, string directory)
    {
        var entries = new FileSystemEnumerable<(string Key, bool IsDirectory)>(
                path,
                (ref FileSystemEntry entry) => (directory + entry.FileName.ToString() + (entry.IsDirectory ? "/" : ""), entry.IsDirectory))
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.FileName.StartsWith('.'),
        }
            .ToList();
        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return entries;
    }

    /// <summary>Files have no URL of their own: the web front streams them.</summary>
    public Task<Uri?> GetReadUrlAsync(string key, string contentType, CancellationToken cancellationToken = default)
    {
        BlobKeys.EnsureValid(key);
        return Task.FromResult<Uri?>(null);
    }

    private string PathOf(string key)
    {
        BlobKeys.EnsureValid(key);
        var path = Path.GetFullPath(Path.Combine(_root, key));

        // The key pattern already rules out escapes; this is the belt to its braces.
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("Blob key escapes the store root.", nameof(key));
        }

        return path;
    }
}
