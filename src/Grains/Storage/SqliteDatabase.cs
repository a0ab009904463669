using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Lector.Grains.Storage;

/// <summary>The embedded-mode database: one SQLite file under the data directory, used by one process.</summary>
public sealed class SqliteDatabase(string dataDirectory) : GrainStateDatabase
{
    public override string Invariant => "System.Data.SQLite";

    public override string ConnectionString { get; } = new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(Path.GetFullPath(dataDirectory), "lector.db"),
        Pooling = true,

        // The driver's own retries of a statement that finds the database locked stop as SQLite's do.
        DefaultTimeout = BusyTimeoutSeconds,
    }.ToString();

    /// <summary>
    /// Writers queue for the lock this long; past it the database counts as unavailable (a request answers 503, well
    /// within a call's timeout, instead of hanging). A healthy write holds the lock for milliseconds.
    /// </summary>
    private const int BusyTimeoutSeconds = 4;

    protected override IReadOnlyList<string> Scripts { get; } =
        ["sqlite-persistence.sql", "sqlite-audit.sql", "sqlite-audio-records.sql", "sqlite-collections.sql", "sqlite-document-originals.sql",
         "sqlite-connection-settings.sql"];

    protected override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    /// <summary>
    /// A busy timeout makes SQLite itself wait for the one writer, a few milliseconds at a time; without it the
    /// driver sleeps 150 ms each time a write finds another in progress, and passes that write concurrently crawl.
    /// synchronous=NORMAL: in WAL mode the WAL is synced at checkpoints instead of at every commit. A process
    /// crash loses nothing (every commit is in the WAL already); a power loss or OS crash can lose the commits
    /// since the last checkpoint, and the database stays consistent (README, "Durability", says why that is acceptable).
    /// </summary>
    protected override void PrepareConnection(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000}; PRAGMA synchronous = NORMAL;";
        command.ExecuteNonQuery();

        // On a read-only file system SQLite opens the file read-only instead of failing. Pooled, such a connection
        // would go on refusing writes after the file system is writable again, so the pool lets it go once it is
        // closed (and any other open now): the next open tries to write again.
        if (connection is SqliteConnection sqlite && raw.sqlite3_db_readonly(sqlite.Handle, "main") == 1)
        {
            SqliteConnection.ClearPool(sqlite);
        }
    }

    /// <summary>A first start makes the data directory: SQLite creates the file, but not the folders above it.</summary>
    protected override void PrepareLocation() =>
        Directory.CreateDirectory(Path.GetDirectoryName(new SqliteConnectionStringBuilder(ConnectionString).DataSource)!);

    protected override async Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // WAL lets readers run beside the one writer; the setting is stored in the file.
        await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
    }

    /// <summary>
    /// Silos that share the file (several in one test process, or a restart racing a stopping process) take
    /// turns through an exclusive lock file next to the database, so each script is applied once.
    /// </summary>
    protected override async Task<IAsyncDisposable> LockAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var lockPath = new SqliteConnectionStringBuilder(ConnectionString).DataSource + ".migration-lock";
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }
}
