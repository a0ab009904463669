namespace Lector.Grains.Blobs;

/// <summary>Blobs as files under one root directory; writes go to a temp file that is then renamed into place.</summary>
public sealed class FileSystemBlobStore : IBlobStore
{
    private readonly string _root;

    public FileSystemBlobStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
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

        return Task.CompletedTask;
    }

    public IAsyncEnumerable<BlobInfo> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        BlobKeys.EnsureValidPrefix(prefix);
        return Enumerate(prefix).ToAsyncEnumerable();
    }

    private IEnumerable<BlobInfo> Enumerate(string prefix)
    {
        // Walk only the deepest directory the prefix names, then filter by the rest of it.
        var directory = Path.Combine(_root, prefix[..(prefix.LastIndexOf('/') + 1)]);
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/');
            var file = new FileInfo(path);
            if (key.StartsWith(prefix, StringComparison.Ordinal) && BlobKeys.IsValid(key) && file.Exists)
            {
                yield return new BlobInfo(key, file.Length, file.LastWriteTimeUtc);
            }
        }
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
