using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.Grains.Storage;

namespace Lector.Grains.Audit;

/// <summary>
/// The audit log as the <c>AuditLog</c> table of the grain state database, whose schema and append-only guards
/// come with the database's migration scripts (Storage/Sql/*-audit.sql). The SQL here is common to SQLite and
/// PostgreSQL; a subclass only says how an append takes the lock that orders writers.
/// </summary>
public abstract class DatabaseAuditStore(GrainStateDatabase database) : IAuditStore
{
    private const string Columns = "Seq, AtMs, ActorId, Action, TargetType, TargetId, Ip, UserAgent, Outcome, PreviousHash, Hash";

    public async Task<IReadOnlyList<AuditEntry>> AppendAsync(IReadOnlyList<AuditRecord> records, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);

        // The lock is held before the last entry is read, so appends from every silo form one chain.
        await using var transaction = await BeginAppendAsync(connection, cancellationToken);
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

        var entries = new List<AuditEntry>(records.Count);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO AuditLog ({Columns}) VALUES (@seq, @at, @actor, @action, @targetType, @targetId, @ip, @userAgent, @outcome, @previousHash, @hash);";
            foreach (var record in records)
            {
                var entry = AuditChain.Seal(lastSeq + 1, at, record, lastHash);
                insert.Parameters.Clear();
                insert.AddParameter("seq", entry.Seq);
                insert.AddParameter("at", entry.At.ToUnixTimeMilliseconds());
                insert.AddParameter("actor", entry.ActorId);
                insert.AddParameter("action", entry.Action);
                insert.AddParameter("targetType", entry.TargetType);
                insert.AddParameter("targetId", entry.TargetId);
                insert.AddParameter("ip", entry.Ip);
                insert.AddParameter("userAgent", entry.UserAgent);
                insert.AddParameter("outcome", entry.Outcome);
                insert.AddParameter("previousHash", entry.PreviousHash);
                insert.AddParameter("hash", entry.Hash);
                await insert.ExecuteNonQueryAsync(cancellationToken);
                entries.Add(entry);
                (lastSeq, lastHash) = (entry.Seq, entry.Hash);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return entries;
    }

    public async Task<PagedResult<AuditEntry>> QueryAsync(AuditFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var count = connection.CreateCommand();
        var where = Where(count, filter);
        count.CommandText = $"SELECT COUNT(*) FROM AuditLog{where};";
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        await using var select = connection.CreateCommand();
        Where(select, filter);
        select.CommandText = $"SELECT {Columns} FROM AuditLog{where} ORDER BY Seq DESC LIMIT @take OFFSET @skip;";
        select.AddParameter("take", page.PageSize);
        select.AddParameter("skip", page.Skip);
        var items = new List<AuditEntry>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }

        return new PagedResult<AuditEntry>(items, page.Page, page.PageSize, total);
    }

    public async Task<AuditEntry?> GetAsync(long seq, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM AuditLog WHERE Seq = @seq;";
        select.AddParameter("seq", seq);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async IAsyncEnumerable<AuditEntry> ReadAsync(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        var where = Where(select, filter);
        select.CommandText = $"SELECT {Columns} FROM AuditLog{where} ORDER BY Seq;";
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader);
        }
    }

    /// <summary>Starts the append's transaction holding the lock that makes every other writer wait until it ends.</summary>
    protected abstract Task<DbTransaction> BeginAppendAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Adds the filter's parameters to <paramref name="command"/> and returns the WHERE clause naming them.</summary>
    private static string Where(DbCommand command, AuditFilter filter)
    {
        var conditions = new List<string>();
        if (filter.From is { } from)
        {
            conditions.Add("AtMs >= @from");
            command.AddParameter("from", from.ToUnixTimeMilliseconds());
        }

        if (filter.To is { } to)
        {
            conditions.Add("AtMs < @to");
            command.AddParameter("to", to.ToUnixTimeMilliseconds());
        }

        if (filter.UserId is { } userId)
        {
            conditions.Add("ActorId = @actor");
            command.AddParameter("actor", userId);
        }

        if (filter.Action is { } action)
        {
            conditions.Add("Action = @action");
            command.AddParameter("action", action);
        }

        return conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
    }

    private static AuditEntry Read(DbDataReader reader) => new(
        reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3),
        reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetString(9), reader.GetString(10));
}
