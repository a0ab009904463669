using Lector.Grains.Storage;
using Lector.Testing;

namespace Lector.Silo.Tests;

/// <summary>The cluster schema on a real PostgreSQL: applied once however many silos start together, and again harmlessly.</summary>
public sealed class PostgresMigrationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Silos_starting_together_apply_each_script_once_and_a_restart_changes_nothing()
    {
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => new PostgresDatabase(postgres.ConnectionString).MigrateAsync(CancellationToken.None)));

        var versions = await postgres.QueryAsync("SELECT Version FROM LectorSchemaVersion ORDER BY Version");
        Assert.Equal(["postgres-audio-records.sql", "postgres-audit.sql", "postgres-clustering.sql", "postgres-collections.sql", "postgres-document-originals.sql", "postgres-persistence.sql", "postgres-reminders.sql"], versions.Cast<string>());
        var queries = await postgres.QueryAsync("SELECT QueryKey FROM OrleansQuery");
        Assert.Contains("WriteToStorageKey", queries);
        Assert.Contains("InsertMembershipKey", queries);
        Assert.Contains("UpsertReminderRowKey", queries);

        await new PostgresDatabase(postgres.ConnectionString).MigrateAsync(CancellationToken.None);
        Assert.Equal(versions, await postgres.QueryAsync("SELECT Version FROM LectorSchemaVersion ORDER BY Version"));
        Assert.Equal(queries.Count, (await postgres.QueryAsync("SELECT QueryKey FROM OrleansQuery")).Count);
    }

    [Fact]
    public async Task The_state_table_refuses_a_second_row_for_one_grain()
    {
        await new PostgresDatabase(postgres.ConnectionString).MigrateAsync(CancellationToken.None);
        const string insert = """
            INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, Version)
            VALUES (1, 0, 0, 2, 'audio', NULL, 'unique-index-test', NULL, 1)
            """;
        await postgres.QueryAsync(insert + " RETURNING Version");
        var duplicate = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => postgres.QueryAsync(insert + " RETURNING Version"));
        Assert.Equal("23505", duplicate.SqlState);
    }
}
