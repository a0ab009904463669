using Lector.Grains.Audit;
using Lector.Grains.Storage;

namespace Lector.Grains.Tests.Audit;

public sealed class SqliteAuditStoreTests : AuditStoreTests
{
    private readonly TempSqliteDatabase _sqlite = new();

    public override Task DisposeAsync()
    {
        _sqlite.Dispose();
        return Task.CompletedTask;
    }

    protected override Task<GrainStateDatabase> CreateEmptyDatabaseAsync() => Task.FromResult<GrainStateDatabase>(_sqlite.Database);

    protected override IAuditStore CreateStore() => new SqliteAuditStore((SqliteDatabase)Database);

    protected override string WithoutGuards(string statement) =>
        $"DROP TRIGGER AuditLog_NoUpdate; DROP TRIGGER AuditLog_NoDelete; {statement}";
}
