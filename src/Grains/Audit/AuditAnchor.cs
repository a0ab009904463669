using System.Text.Json;
using Lector.Abstractions.Admin;
using Lector.Abstractions.Blobs;

namespace Lector.Grains.Audit;

/// <summary>
/// The audit log's head as one small object in the blob store, outside the database that holds the log: someone who
/// can change the database but not the blob store (or the data directory's blobs) cannot delete the newest entries
/// unnoticed. Outside the prefixes the blob reconciler judges, so it is never collected.
/// </summary>
public static class AuditAnchor
{
    public const string BlobKey = "audit/head.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The anchored head, or null when none was written yet.</summary>
    /// <exception cref="InvalidDataException">The object is there but is not an anchor.</exception>
    public static async Task<AuditHead?> ReadAsync(IBlobStore blobs, CancellationToken cancellationToken = default)
    {
        await using var stream = await blobs.OpenReadAsync(BlobKey, cancellationToken);
        if (stream is null)
        {
            return null;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<AuditHead>(stream, Json, cancellationToken) is { Seq: > 0, Hash.Length: 64 } head
                ? head
                : throw new InvalidDataException("The audit anchor holds no head.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException("The audit anchor is not JSON.", e);
        }
    }

    public static Task WriteAsync(IBlobStore blobs, AuditHead head, CancellationToken cancellationToken = default) =>
        blobs.PutAsync(BlobKey, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(head, Json), writable: false), cancellationToken);
}
