using System.Data.Common;
using System.Globalization;
using Lector.Grains.Storage;

namespace Lector.Grains.Collections;

/// <summary>
/// Collections as the <c>CollectionItem</c> table of the grain state database. The SQL is common to SQLite and
/// PostgreSQL; only the schema scripts differ. Rows belong to the Orleans service, like grain state rows, so a
/// service that starts with another ServiceId on the same database sees none of them.
/// </summary>
public sealed class DatabaseCollectionStore(GrainStateDatabase database, string serviceId) : ICollectionStore
{
    private const string OfCollection = "ServiceId = @service AND Kind = @kind AND OwnerKey = @owner";
    private const string NewestFirst = "ORDER BY SortKey DESC, ItemId";

    public async Task WriteAsync(CollectionKey collection, IReadOnlyCollection<CollectionRow> rows, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var upsert = Command(connection, collection, """
            INSERT INTO CollectionItem (ServiceId, Kind, OwnerKey, ItemId, SortKey, Payload)
            VALUES (@service, @kind, @owner, @id, @sortKey, @payload)
            ON CONFLICT (ServiceId, Kind, OwnerKey, ItemId) DO UPDATE SET SortKey = excluded.SortKey, Payload = excluded.Payload;
            """);
        upsert.Transaction = transaction;
        var id = upsert.AddParameter("id", "");
        var sortKey = upsert.AddParameter("sortKey", 0L);
        var payload = upsert.AddParameter("payload", "");
        foreach (var row in rows)
        {
            id.Value = row.Id;
            sortKey.Value = row.SortKey;
            payload.Value = row.Payload;
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> RemoveAsync(CollectionKey collection, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var delete = Command(connection, collection, $"DELETE FROM CollectionItem WHERE {OfCollection} AND ItemId = @id;");
        delete.AddParameter("id", id);
        return await delete.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<CollectionRow>> ReadAsync(CollectionKey collection, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = Command(connection, collection,
            $"SELECT ItemId, SortKey, Payload FROM CollectionItem WHERE {OfCollection} {NewestFirst} LIMIT @take OFFSET @skip;");
        select.AddParameter("take", take);
        select.AddParameter("skip", skip);
        var rows = new List<CollectionRow>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new CollectionRow(reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
        }

        return rows;
    }

    public async Task<int> CountAsync(CollectionKey collection, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var count = Command(connection, collection, $"SELECT COUNT(*) FROM CollectionItem WHERE {OfCollection};");
        return Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<int> TrimAsync(CollectionKey collection, int keep, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var delete = Command(connection, collection, $"""
            DELETE FROM CollectionItem
             WHERE {OfCollection}
               AND ItemId NOT IN (SELECT ItemId FROM CollectionItem WHERE {OfCollection} {NewestFirst} LIMIT @keep);
            """);
        delete.AddParameter("keep", keep);
        return await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A command on <paramref name="sql"/> with the parameters that name <paramref name="collection"/>.</summary>
    private DbCommand Command(DbConnection connection, CollectionKey collection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.AddParameter("service", serviceId);
        command.AddParameter("kind", collection.Kind);
        command.AddParameter("owner", collection.Owner);
        return command;
    }
}
