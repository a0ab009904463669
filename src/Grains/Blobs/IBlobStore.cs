namespace Lector.Grains.Blobs;

/// <summary>Where originals and audio bytes live. Keys are relative, lower-case, slash-separated paths.</summary>
public interface IBlobStore
{
    /// <summary>Writes the whole object or nothing: readers never see a partial blob.</summary>
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>A seekable stream over the object, or null when it does not exist.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>True when something was deleted.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);
}
