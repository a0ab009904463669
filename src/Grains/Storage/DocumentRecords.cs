using System.Buffers.Binary;
using System.Text.Json;
using Lector.Abstractions.Blobs;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Lector.Grains.Storage;

/// <summary>
/// Questions about stored documents as a whole, answered from their state rows (indexed by document id,
/// Storage/Sql/*-document-originals.sql) without activating document grains.
/// </summary>
public interface IDocumentRecords
{
    /// <summary>Which of <paramref name="blobKeys"/> a stored document that is not being deleted names as its original.</summary>
    Task<IReadOnlySet<string>> OriginalsInUseAsync(IReadOnlyCollection<string> blobKeys, CancellationToken cancellationToken = default);
}

public sealed class SqlDocumentRecords(GrainStateDatabase database, IOptions<ClusterOptions> cluster) : IDocumentRecords
{
    private const int IdsPerQuery = 200;

    private static readonly string OriginalsPrefix = BlobKeys.Original("");

    /// <summary>
    /// Document ids are Guids (the web front makes them), which Orleans stores as two integers, not as text. A key
    /// whose id is no Guid is reported in use: no row can say otherwise, and keeping a blob is the safe mistake.
    /// </summary>
    public async Task<IReadOnlySet<string>> OriginalsInUseAsync(IReadOnlyCollection<string> blobKeys, CancellationToken cancellationToken = default)
    {
        var inUse = new HashSet<string>(StringComparer.Ordinal);
        var byId = new Dictionary<(long, long), string>();
        foreach (var key in blobKeys.Where(k => k.StartsWith(OriginalsPrefix, StringComparison.Ordinal)))
        {
            if (Guid.TryParseExact(key[OriginalsPrefix.Length..], "N", out var id))
            {
                byId[StorageId(id)] = key;
            }
            else
            {
                inUse.Add(key);
            }
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var batch in byId.Keys.Chunk(IdsPerQuery))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT GrainIdN0, GrainIdN1, PayloadBinary FROM OrleansStorage
                 WHERE GrainTypeString = 'document' AND ServiceId = @service AND PayloadBinary IS NOT NULL
                   AND GrainIdN0 IN ({string.Join(", ", batch.Select((_, i) => $"@n{i}"))});
                """;
            command.AddParameter("service", cluster.Value.ServiceId);
            for (var i = 0; i < batch.Length; i++)
            {
                command.AddParameter($"n{i}", batch[i].Item1);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // As the document grain's Describe: a document being deleted no longer holds its original.
                var document = JsonSerializer.Deserialize<DocumentOriginal>(reader.GetFieldValue<byte[]>(2), JsonGrainStateSerializer.Options);
                if (byId.TryGetValue((reader.GetInt64(0), reader.GetInt64(1)), out var original)
                    && document is { Deleting: false } && document.OriginalBlobKey == original)
                {
                    inUse.Add(original);
                }
            }
        }

        return inUse;
    }

    /// <summary>How Orleans' ADO.NET storage keys a Guid: its 16 bytes as two little-endian integers.</summary>
    private static (long N0, long N1) StorageId(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return (BinaryPrimitives.ReadInt64LittleEndian(bytes), BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]));
    }

    /// <summary>The part of a document's stored state (Documents.DocumentState) this needs.</summary>
    private sealed record DocumentOriginal(string? OriginalBlobKey, bool Deleting);
}
