using Lector.Grains.Storage;

namespace Lector.Grains.Tests.Collections;

/// <summary>One server for the class; each test gets its own database on it.</summary>
public sealed class PostgresCollectionStoreTests(PostgresFixture postgres) : CollectionStoreTests, IClassFixture<PostgresFixture>
{
    public override Task DisposeAsync() => Task.CompletedTask;

    protected override async Task<GrainStateDatabase> CreateEmptyDatabaseAsync() => await postgres.CreateDatabaseAsync();
}
