using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Lector.Grains.Storage;

/// <summary>The embedded-mode database: one SQLite file under the data directory, used by one process.</summary>
public sealed class SqliteDatabase(string dataDirectory) : GrainStateDatabase
{
    public override string Invariant => "System.Data.SQLite";

    public override string ConnectionString { get; } = new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(Path.GetFullPath(dataDirectory), "lector.db"),
        Pooling = true,

        // Also the busy timeout: writers wait for each other instead of failing with SQLITE_BUSY.
        DefaultTimeout = 30,
    }.ToString();

    protected override IReadOnlyList<string> Scripts { get; } =
        ["sqlite-persistence.sql", "sqlite-audit.sql", "sqlite-audio-records.sql", "sqlite-durability.sql", "sqlite-collections.sql", "sqlite-document-originals.sql"];

    public override DbConnection CreateConnection() => new SqliteConnection(ConnectionString);

    /// <summary>A first start makes the data directory: SQLite creates the file, but not the folders above it.</summary>
    protected override void PrepareLocation() =>
        Directory.CreateDirectory(Path.GetDirectoryName(new SqliteConnectionStringBuilder(ConnectionString).DataSource)!);

    protected override async Task PrepareAsync(DbConnection connection, CancellationToken cancellationToken)
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
