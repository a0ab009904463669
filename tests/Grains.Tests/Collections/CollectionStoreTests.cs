using Lector.Grains.Collections;
using Lector.Grains.Storage;

namespace Lector.Grains.Tests.Collections;

/// <summary>
/// What every collection store must do, run against each real database (subclasses): the schema comes from the
/// database's migrations, and every test starts from an empty, freshly migrated database.
/// </summary>
public abstract class CollectionStoreTests : IAsyncLifetime
{
    private static readonly CollectionKey Library = new("library", "user-1");

    protected GrainStateDatabase Database { get; private set; } = null!;

    private ICollectionStore Store => CreateStore("lector");

    public async Task InitializeAsync()
    {
        Database = await CreateEmptyDatabaseAsync();
        await Database.MigrateAsync(CancellationToken.None);
    }

    public abstract Task DisposeAsync();

    /// <summary>A database with no Lector tables yet.</summary>
    protected abstract Task<GrainStateDatabase> CreateEmptyDatabaseAsync();

    private ICollectionStore CreateStore(string serviceId) => new DatabaseCollectionStore(Database, serviceId);

    [Fact]
    public async Task Rows_read_newest_first_with_ties_in_ordinal_id_order_and_page()
    {
        // Ordinal order puts upper case before lower case and a prefix before its extensions; a linguistic
        // collation would not, and the grains' memory copy sorts ordinally.
        await Store.WriteAsync(Library, [Row("b", 5), Row("a1", 5), Row("B", 5), Row("a", 5), Row("old", 1), Row("new", 9)]);

        Assert.Equal(["new", "B", "a", "a1", "b", "old"], (await Store.ReadAsync(Library, 0, 100)).Select(r => r.Id));
        Assert.Equal(["a", "a1"], (await Store.ReadAsync(Library, 2, 2)).Select(r => r.Id));
        Assert.Empty(await Store.ReadAsync(Library, 6, 2));
        Assert.Equal(6, await Store.CountAsync(Library));
    }

    [Fact]
    public async Task Writing_an_id_again_replaces_its_row()
    {
        await Store.WriteAsync(Library, [Row("a", 1, """{"title":"first"}"""), Row("b", 2)]);

        await Store.WriteAsync(Library, [Row("a", 3, """{"title":"second"}""")]);

        var rows = await Store.ReadAsync(Library, 0, 10);
        Assert.Equal([new CollectionRow("a", 3, """{"title":"second"}"""), Row("b", 2)], rows);
    }

    [Fact]
    public async Task A_write_that_fails_part_way_writes_none_of_its_rows()
    {
        // The driver refuses the second row's missing payload after the first row has run inside the transaction.
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => Store.WriteAsync(Library, [Row("a", 1), new CollectionRow("b", 2, null!)]));

        Assert.Equal(0, await Store.CountAsync(Library));
    }

    [Fact]
    public async Task Remove_deletes_one_row_and_says_whether_there_was_one()
    {
        await Store.WriteAsync(Library, [Row("a", 1), Row("b", 2)]);

        Assert.True(await Store.RemoveAsync(Library, "a"));
        Assert.False(await Store.RemoveAsync(Library, "a"));

        Assert.Equal(["b"], (await Store.ReadAsync(Library, 0, 10)).Select(r => r.Id));
    }

    [Fact]
    public async Task Trim_keeps_the_newest_rows()
    {
        await Store.WriteAsync(Library, [.. Enumerable.Range(1, 10).Select(i => Row($"n{i:D2}", i))]);

        Assert.Equal(7, await Store.TrimAsync(Library, 3));
        Assert.Equal(0, await Store.TrimAsync(Library, 3));

        Assert.Equal(["n10", "n09", "n08"], (await Store.ReadAsync(Library, 0, 10)).Select(r => r.Id));
    }

    [Fact]
    public async Task Collections_of_other_kinds_owners_and_services_are_apart()
    {
        var otherKind = Library with { Kind = "notifications" };
        var otherOwner = Library with { Owner = "user-2" };
        var otherService = CreateStore("another-service");
        await Store.WriteAsync(Library, [Row("a", 1)]);
        await Store.WriteAsync(otherKind, [Row("a", 1), Row("b", 2)]);
        await Store.WriteAsync(otherOwner, [Row("a", 1), Row("b", 2), Row("c", 3)]);
        await otherService.WriteAsync(Library, [Row("z", 1)]);

        Assert.Equal(0, await Store.TrimAsync(Library, 1));
        Assert.True(await Store.RemoveAsync(otherOwner, "c"));

        Assert.Equal(["a"], (await Store.ReadAsync(Library, 0, 10)).Select(r => r.Id));
        Assert.Equal(2, await Store.CountAsync(otherKind));
        Assert.Equal(2, await Store.CountAsync(otherOwner));
        Assert.Equal(["z"], (await otherService.ReadAsync(Library, 0, 10)).Select(r => r.Id));
    }

    [Fact]
    public async Task Migrating_again_keeps_the_rows()
    {
        await Store.WriteAsync(Library, [Row("a", 1)]);

        // Forgetting the version record makes the next start run every script again, as on a database older than that record.
        await using (var connection = await Database.OpenAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM LectorSchemaVersion;";
            await command.ExecuteNonQueryAsync();
        }

        await Database.MigrateAsync(CancellationToken.None);

        Assert.Equal([Row("a", 1)], await Store.ReadAsync(Library, 0, 10));
    }

    private static CollectionRow Row(string id, long sortKey, string payload = "{}") => new(id, sortKey, payload);
}
