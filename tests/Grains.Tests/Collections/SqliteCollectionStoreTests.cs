using Lector.Grains.Storage;

namespace Lector.Grains.Tests.Collections;

public sealed class SqliteCollectionStoreTests : CollectionStoreTests
{
    private readonly TempSqliteDatabase _sqlite = new();

    public override Task DisposeAsync()
    {
        _sqlite.Dispose();
        return Task.CompletedTask;
    }

    protected override Task<GrainStateDatabase> CreateEmptyDatabaseAsync() => Task.FromResult<GrainStateDatabase>(_sqlite.Database);
}
