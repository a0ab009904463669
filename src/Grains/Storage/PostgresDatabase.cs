using System.Data.Common;
using Npgsql;

namespace Lector.Grains.Storage;

/// <summary>
/// The cluster-mode database: PostgreSQL shared by every silo for grain state, membership and reminders.
/// Silos that start together serialize their migrations on a session-level advisory lock.
/// </summary>
public sealed class PostgresDatabase(string connectionString) : GrainStateDatabase
{
    /// <summary>An arbitrary constant that names Lector's migration lock among the server's advisory locks.</summary>
    private const long MigrationLockKey = 0x4C6563746F72;

    public override string Invariant => "Npgsql";

    public override string ConnectionString { get; } = connectionString;

    protected override IReadOnlyList<string> Scripts { get; } =
        ["postgres-persistence.sql", "postgres-clustering.sql", "postgres-reminders.sql", "postgres-audit.sql", "postgres-audio-records.sql",
         "postgres-collections.sql", "postgres-document-originals.sql"];

    protected override DbConnection CreateConnection(string connectionString) => new NpgsqlConnection(connectionString);

    protected override async Task<IAsyncDisposable> LockAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLockKey});", cancellationToken);
        return new AdvisoryLock(connection);
    }

    private sealed class AdvisoryLock(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() =>
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({MigrationLockKey});", CancellationToken.None);
    }
}
