using Lector.Grains.Storage;
using Npgsql;

namespace Lector.Grains.Tests.Collections;

/// <summary>One server for the class; each test gets its own database on it.</summary>
public sealed class PostgresCollectionStoreTests(PostgresFixture postgres) : CollectionStoreTests, IClassFixture<PostgresFixture>
{
    public override Task DisposeAsync() => Task.CompletedTask;

    protected override async Task<GrainStateDatabase> CreateEmptyDatabaseAsync()
    {
        var name = $"collections_{Guid.NewGuid():N}";
        await postgres.QueryAsync($"CREATE DATABASE {name}");
        return new PostgresDatabase(new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = name }.ToString());
    }
}
