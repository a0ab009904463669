using System.Data.Common;
using Lector.Abstractions.Admin;
using Lector.Grains.Audit;
using Lector.Grains.Storage;

namespace Lector.Grains.Tests.Audit;

/// <summary>One server for the class; each test gets its own database on it.</summary>
public sealed class PostgresAuditStoreTests(PostgresFixture postgres) : AuditStoreTests, IClassFixture<PostgresFixture>
{
    public override Task DisposeAsync() => Task.CompletedTask;

    protected override async Task<GrainStateDatabase> CreateEmptyDatabaseAsync() => await postgres.CreateDatabaseAsync();

    protected override IAuditStore CreateStore() => new PostgresAuditStore((PostgresDatabase)Database);

    protected override string WithoutGuards(string statement) => $"ALTER TABLE AuditLog DISABLE TRIGGER USER; {statement}";

    [Fact]
    public async Task Truncate_is_refused_by_the_database()
    {
        var store = CreateStore();
        await store.AppendAsync([new AuditRecord("user-1", "auth.login", "user", "user-1", "127.0.0.1", "tests", AuditRecord.Success)], DateTimeOffset.UnixEpoch);

        var truncate = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync("TRUNCATE AuditLog;"));
        Assert.Contains("append-only", truncate.Message, StringComparison.Ordinal);
        Assert.Single(await store.ReadAsync(new AuditFilter(null, null, null, null)).ToListAsync());
    }
}
