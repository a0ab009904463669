using Lector.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace Lector.Testing;

/// <summary>A grain state database in a fresh directory; on dispose its pooled connections close and the directory goes.</summary>
public sealed class TempSqliteDatabase : IDisposable
{
    private readonly TempDirectory _directory = new();

    public TempSqliteDatabase() => Database = new SqliteDatabase(_directory.Path);

    public SqliteDatabase Database { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
