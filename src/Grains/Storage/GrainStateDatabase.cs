using System.Data.Common;
using System.Reflection;

namespace Lector.Grains.Storage;

/// <summary>
/// The database that holds grain state (and, in cluster mode, membership and reminders): how Orleans reaches it
/// and the schema it needs. Scripts are applied once each, in order, and recorded in <c>LectorSchemaVersion</c>;
/// every script is also idempotent, so a database that predates the version table is brought up to date safely.
/// </summary>
public abstract class GrainStateDatabase
{
    /// <summary>The ADO.NET invariant Orleans maps to the driver.</summary>
    public abstract string Invariant { get; }

    public abstract string ConnectionString { get; }

    /// <summary>Embedded SQL scripts (under Storage/Sql), in the order they must run; the name is the version.</summary>
    protected abstract IReadOnlyList<string> Scripts { get; }

    /// <summary>Where every connection to this database comes from, Orleans' included, made ready as it opens.</summary>
    public DbDataSource Connections => _connections ??= new DatabaseConnections(ConnectionString, CreateConnection, PrepareConnection);

    private DbDataSource? _connections;

    /// <summary>A new connection, open and prepared; the caller disposes it.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await Connections.OpenConnectionAsync(cancellationToken);

    protected abstract DbConnection CreateConnection(string connectionString);

    /// <summary>Settings that belong to each connection (not stored in the database), applied as it opens.</summary>
    protected virtual void PrepareConnection(DbConnection connection)
    {
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        PrepareLocation();
        await using var connection = await OpenAsync(cancellationToken);
        await PrepareDatabaseAsync(connection, cancellationToken);
        await using var migrationLock = await LockAsync(connection, cancellationToken);
        await ExecuteAsync(connection, null, """
            CREATE TABLE IF NOT EXISTS LectorSchemaVersion
            (
                Version   varchar(100) NOT NULL PRIMARY KEY,
                AppliedOn varchar(40)  NOT NULL
            );
            """, cancellationToken);

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Version FROM LectorSchemaVersion;";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        foreach (var script in Scripts.Where(s => !applied.Contains(s)))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, Script(script), cancellationToken);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO LectorSchemaVersion (Version, AppliedOn) VALUES (@version, @appliedOn);";
                record.AddParameter("version", script);
                record.AddParameter("appliedOn", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>Makes where the database lives, before the first connection opens.</summary>
    protected virtual void PrepareLocation()
    {
    }

    /// <summary>Settings stored in the database itself that must be made outside a transaction, before the scripts.</summary>
    protected virtual Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Keeps other processes from migrating at the same time; released when disposed.</summary>
    protected abstract Task<IAsyncDisposable> LockAsync(DbConnection connection, CancellationToken cancellationToken);

    protected static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Script(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Lector.Storage.{name}")
            ?? throw new InvalidOperationException($"Embedded script {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
