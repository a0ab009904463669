using System.Data.Common;
using Lector.Grains.Storage;

namespace Lector.Grains.Audit;

/// <summary>The audit log in the cluster's PostgreSQL database, appended to by every silo.</summary>
public sealed class PostgresAuditStore(PostgresDatabase database) : DatabaseAuditStore(database)
{
    /// <summary>An arbitrary constant that names the audit append lock among the server's advisory locks.</summary>
    private const long AppendLockKey = 0x4C6563746F72_41;

    /// <summary>
    /// A transaction-scoped advisory lock: released by commit or rollback (or a dropped connection), so a silo
    /// that dies mid-append cannot leave the log locked.
    /// </summary>
    protected override async Task<DbTransaction> BeginAppendAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT pg_advisory_xact_lock({AppendLockKey});";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }
}
