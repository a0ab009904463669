using Lector.Grains.Audit;
using Lector.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace Lector.Grains.Tests.Audit;

public sealed class SqliteAuditStoreTests : AuditStoreTests
{
    private readonly TempDirectory _data = new();

    public override Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _data.Dispose();
        return Task.CompletedTask;
    }

    protected override Task<GrainStateDatabase> CreateEmptyDatabaseAsync() => Task.FromResult<GrainStateDatabase>(new SqliteDatabase(_data.Path));

    protected override IAuditStore CreateStore() => new SqliteAuditStore((SqliteDatabase)Database);

    protected override string WithoutGuards(string statement) =>
        $"DROP TRIGGER AuditLog_NoUpdate; DROP TRIGGER AuditLog_NoDelete; {statement}";
}
