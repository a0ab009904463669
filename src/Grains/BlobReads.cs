using Lector.Abstractions.Blobs;

namespace Lector.Grains;

/// <summary>Reading a small object (an upload, a page's audio or marks) whole.</summary>
internal static class BlobReads
{
    /// <summary>The object's bytes, or null when there is no such object.</summary>
    public static async Task<byte[]?> ReadAllAsync(this IBlobStore blobs, string key, CancellationToken cancellationToken = default)
    {
        await using var stored = await blobs.OpenReadAsync(key, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        using var bytes = new MemoryStream();
        await stored.CopyToAsync(bytes, cancellationToken);
        return bytes.ToArray();
    }
}
