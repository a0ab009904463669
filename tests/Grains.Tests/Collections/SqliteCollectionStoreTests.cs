using Lector.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace Lector.Grains.Tests.Collections;

public sealed class SqliteCollectionStoreTests : CollectionStoreTests
{
    private readonly TempDirectory _data = new();

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _data.Dispose();
        return Task.CompletedTask;
    }

    protected override Task<GrainStateDatabase> CreateEmptyDatabaseAsync() => Task.FromResult<GrainStateDatabase>(new SqliteDatabase(_data.Path));
}
