using System.Data.Common;
using System.Globalization;

namespace Lector.Grains.Tests.Storage;

/// <summary>
/// The settings that live on each SQLite connection reach every connection the database hands out, Orleans' included
/// (it opens them through the same data source), and a database from before that no longer carries them in its queries.
/// </summary>
public sealed class SqliteConnectionSettingsTests : IAsyncLifetime, IDisposable
{
    private readonly TempSqliteDatabase _sqlite = new();

    public Task InitializeAsync() => _sqlite.Database.MigrateAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _sqlite.Dispose();

    [Fact]
    public async Task Every_connection_waits_inside_SQLite_for_the_writer_and_commits_with_synchronous_normal()
    {
        // Two at once, so the second is not the first one back from the pool.
        await using var first = await _sqlite.Database.Connections.OpenConnectionAsync();
        await using var second = await _sqlite.Database.Connections.OpenConnectionAsync();
        foreach (var connection in new[] { first, second })
        {
            Assert.Equal(4_000, await ScalarAsync(connection, "PRAGMA busy_timeout;"));
            Assert.Equal(1, await ScalarAsync(connection, "PRAGMA synchronous;"));
        }
    }

    [Fact]
    public async Task A_database_whose_state_queries_carried_the_synchronous_pragma_has_it_taken_off()
    {
        await using (var connection = await _sqlite.Database.OpenAsync())
        {
            await ExecuteAsync(connection, """
                UPDATE OrleansQuery SET QueryText = 'PRAGMA synchronous = NORMAL;' || QueryText WHERE QueryKey IN ('WriteToStorageKey', 'ClearStorageKey');
                DELETE FROM LectorSchemaVersion WHERE Version = 'sqlite-connection-settings.sql';
                """);
        }

        await _sqlite.Database.MigrateAsync(CancellationToken.None);

        await using var check = await _sqlite.Database.OpenAsync();
        Assert.Equal(0, await ScalarAsync(check, "SELECT COUNT(*) FROM OrleansQuery WHERE QueryText LIKE 'PRAGMA%';"));
        Assert.Equal(2, await ScalarAsync(check, "SELECT COUNT(*) FROM OrleansQuery WHERE QueryKey IN ('WriteToStorageKey', 'ClearStorageKey') AND QueryText LIKE '%OrleansStorage%';"));
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
