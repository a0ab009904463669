using System.Data.Common;
using Lector.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace Lector.Grains.Audit;

/// <summary>The audit log in the embedded SQLite database.</summary>
public sealed class SqliteAuditStore(SqliteDatabase database) : DatabaseAuditStore(database)
{
    /// <summary>BEGIN IMMEDIATE takes the database's write lock at once rather than at the first write.</summary>
    protected override Task<DbTransaction> BeginAppendAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
}
