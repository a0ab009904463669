using System.Globalization;
using System.Runtime.CompilerServices;
using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace Lector.Grains.Audit;

/// <summary>The audit log as a table in the embedded SQLite database; triggers refuse updates and deletes.</summary>
public sealed class SqliteAuditStore(SqliteDatabase database) : IAuditStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS AuditLog (
            Seq INTEGER PRIMARY KEY,
            AtMs INTEGER NOT NULL,
            ActorId TEXT NOT NULL,
            Action TEXT NOT NULL,
            TargetType TEXT NOT NULL,
            TargetId TEXT NOT NULL,
            Ip TEXT NOT NULL,
            UserAgent TEXT NOT NULL,
            Outcome TEXT NOT NULL,
            PreviousHash TEXT NOT NULL,
            Hash TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS AuditLog_At ON AuditLog (AtMs);
        CREATE INDEX IF NOT EXISTS AuditLog_Actor ON AuditLog (ActorId, AtMs);
        CREATE TRIGGER IF NOT EXISTS AuditLog_NoUpdate BEFORE UPDATE ON AuditLog
            BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
        CREATE TRIGGER IF NOT EXISTS AuditLog_NoDelete BEFORE DELETE ON AuditLog
            BEGIN SELECT RAISE(ABORT, 'The audit log is append-only.'); END;
        """;

    private const string Columns = "Seq, AtMs, ActorId, Action, TargetType, TargetId, Ip, UserAgent, Outcome, PreviousHash, Hash";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<AuditEntry> AppendAsync(AuditRecord record, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);

        // BEGIN IMMEDIATE takes the write lock before the last entry is read, so appends from every silo form one chain.
        await using var transaction = connection.BeginTransaction(deferred: false);
        long lastSeq = 0;
        var lastHash = AuditChain.GenesisHash;
        await using (var last = connection.CreateCommand())
        {
            last.Transaction = transaction;
            last.CommandText = "SELECT Seq, Hash FROM AuditLog ORDER BY Seq DESC LIMIT 1;";
            await using var reader = await last.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                lastSeq = reader.GetInt64(0);
                lastHash = reader.GetString(1);
            }
        }

        var entry = AuditChain.Seal(lastSeq + 1, at, record, lastHash);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO AuditLog ({Columns}) VALUES (@seq, @at, @actor, @action, @targetType, @targetId, @ip, @userAgent, @outcome, @previousHash, @hash);";
            insert.Parameters.AddWithValue("@seq", entry.Seq);
            insert.Parameters.AddWithValue("@at", entry.At.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("@actor", entry.ActorId);
            insert.Parameters.AddWithValue("@action", entry.Action);
            insert.Parameters.AddWithValue("@targetType", entry.TargetType);
            insert.Parameters.AddWithValue("@targetId", entry.TargetId);
            insert.Parameters.AddWithValue("@ip", entry.Ip);
            insert.Parameters.AddWithValue("@userAgent", entry.UserAgent);
            insert.Parameters.AddWithValue("@outcome", entry.Outcome);
            insert.Parameters.AddWithValue("@previousHash", entry.PreviousHash);
            insert.Parameters.AddWithValue("@hash", entry.Hash);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return entry;
    }

    public async Task<PagedResult<AuditEntry>> QueryAsync(AuditFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var count = connection.CreateCommand();
        var where = Where(count, filter);
        count.CommandText = $"SELECT COUNT(*) FROM AuditLog{where};";
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        await using var select = connection.CreateCommand();
        Where(select, filter);
        select.CommandText = $"SELECT {Columns} FROM AuditLog{where} ORDER BY Seq DESC LIMIT @take OFFSET @skip;";
        select.Parameters.AddWithValue("@take", page.PageSize);
        select.Parameters.AddWithValue("@skip", page.Skip);
        var items = new List<AuditEntry>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }

        return new PagedResult<AuditEntry>(items, page.Page, page.PageSize, total);
    }

    public async IAsyncEnumerable<AuditEntry> ReadAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        var where = Where(select, filter);
        select.CommandText = $"SELECT {Columns} FROM AuditLog{where} ORDER BY Seq;";
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>Adds the filter's parameters to <paramref name="command"/> and returns the WHERE clause naming them.</summary>
    private static string Where(SqliteCommand command, AuditFilter filter)
    {
        var conditions = new List<string>();
        if (filter.From is { } from)
        {
            conditions.Add("AtMs >= @from");
            command.Parameters.AddWithValue("@from", from.ToUnixTimeMilliseconds());
        }

        if (filter.To is { } to)
        {
            conditions.Add("AtMs < @to");
            command.Parameters.AddWithValue("@to", to.ToUnixTimeMilliseconds());
        }

        if (filter.UserId is { } userId)
        {
            conditions.Add("ActorId = @actor");
            command.Parameters.AddWithValue("@actor", userId);
        }

        if (filter.Action is { } action)
        {
            conditions.Add("Action = @action");
            command.Parameters.AddWithValue("@action", action);
        }

        return conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
    }

    private static AuditEntry Read(SqliteDataReader reader) => new(
        reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3),
        reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9), reader.GetString(10));
}
