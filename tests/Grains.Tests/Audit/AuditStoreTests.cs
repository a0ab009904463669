using System.Data.Common;
using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.Blobs;
using Lector.Grains.Audit;
using Lector.Grains.Storage;

namespace Lector.Grains.Tests.Audit;

/// <summary>
/// What every audit store must do, run against each real database (subclasses): the schema comes from the
/// database's migrations, and every test starts from an empty, freshly migrated database.
/// </summary>
public abstract class AuditStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly AuditFilter All = new(null, null, null, null);

    protected GrainStateDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await CreateEmptyDatabaseAsync();
        await Database.MigrateAsync(CancellationToken.None);
    }

    public abstract Task DisposeAsync();

    /// <summary>A database with no Lector tables yet.</summary>
    protected abstract Task<GrainStateDatabase> CreateEmptyDatabaseAsync();

    /// <summary>A new store instance on <see cref="Database"/>; two instances stand for two silos.</summary>
    protected abstract IAuditStore CreateStore();

    /// <summary>SQL that runs <paramref name="statement"/> with the append-only guards out of the way, as a tamperer with database access would.</summary>
    protected abstract string WithoutGuards(string statement);

    [Fact]
    public async Task Appends_racing_from_two_stores_form_one_valid_chain()
    {
        var stores = new[] { CreateStore(), CreateStore() };

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => AppendOneAsync(stores[i % 2], Record($"user-{i % 3}", "document.upload"), Start.AddMinutes(i)))));

        var verification = await AuditChain.VerifyAsync(stores[0].ReadAsync(All), anchor: null, CancellationToken.None);
        Assert.True(verification.Valid, verification.Reason);
        Assert.Equal(60, verification.EntriesChecked);
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), await stores[1].ReadAsync(All).Select(e => e.Seq).ToListAsync());
    }

    [Fact]
    public async Task Groups_appended_racing_from_two_stores_are_sealed_in_order_into_one_valid_chain()
    {
        var stores = new[] { CreateStore(), CreateStore() };

        var groups = await Task.WhenAll(Enumerable.Range(0, 10).Select(g => Task.Run(() => stores[g % 2].AppendAsync(
            [.. Enumerable.Range(0, 7).Select(i => Record($"user-{g}", $"action-{i}"))], Start.AddMinutes(g)))));

        var verification = await AuditChain.VerifyAsync(stores[0].ReadAsync(All), anchor: null, CancellationToken.None);
        Assert.True(verification.Valid, verification.Reason);
        Assert.Equal(70, verification.EntriesChecked);
        foreach (var group in groups)
        {
            // A group holds consecutive places in the chain, in the order it was given.
            Assert.Equal(Enumerable.Range(0, 7).Select(i => $"action-{i}"), group.Select(e => e.Action));
            Assert.Equal(Enumerable.Range((int)group[0].Seq, 7).Select(i => (long)i), group.Select(e => e.Seq));
        }
    }

    [Fact]
    public async Task Updates_and_deletes_are_refused_by_the_database()
    {
        var store = CreateStore();
        await AppendOneAsync(store, Record("user-1", "auth.login"), Start);

        var update = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync("UPDATE AuditLog SET Outcome = 'failure';"));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync("DELETE FROM AuditLog;"));
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.Equal(AuditRecord.Success, Assert.Single(await store.ReadAsync(All).ToListAsync()).Outcome);
    }

    [Fact]
    public async Task Migrating_an_existing_log_again_keeps_its_entries_and_guards()
    {
        var store = CreateStore();
        await AppendOneAsync(store, Record("user-1", "auth.login"), Start);

        // Forgetting the version record makes the next start run every script again, as on a database older than that record.
        await ExecuteAsync("DELETE FROM LectorSchemaVersion;");
        await Database.MigrateAsync(CancellationToken.None);

        Assert.Single(await store.ReadAsync(All).ToListAsync());
        await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync("DELETE FROM AuditLog;"));
        Assert.True((await AuditChain.VerifyAsync(store.ReadAsync(All), anchor: null, CancellationToken.None)).Valid);
    }

    [Fact]
    public async Task A_removed_entry_breaks_the_chain_at_the_entry_after_it()
    {
        var store = CreateStore();
        for (var i = 0; i < 5; i++)
        {
            await AppendOneAsync(store, Record("user-1", "audio.play"), Start.AddSeconds(i));
        }

        await ExecuteAsync(WithoutGuards("DELETE FROM AuditLog WHERE Seq = 3;"));

        var verification = await AuditChain.VerifyAsync(store.ReadAsync(All), anchor: null, CancellationToken.None);
        Assert.False(verification.Valid);
        Assert.Equal(4, verification.FirstBrokenSeq);
        Assert.Equal("sequence_gap", verification.Reason);
    }

    [Fact]
    public async Task An_edited_entry_is_found_at_that_entry()
    {
        var store = CreateStore();
        for (var i = 0; i < 4; i++)
        {
            await AppendOneAsync(store, Record("user-1", "audio.play"), Start.AddSeconds(i));
        }

        await ExecuteAsync(WithoutGuards("UPDATE AuditLog SET Outcome = 'failure' WHERE Seq = 2;"));

        var verification = await AuditChain.VerifyAsync(store.ReadAsync(All), anchor: null, CancellationToken.None);
        Assert.Equal(2, verification.FirstBrokenSeq);
        Assert.Equal("hash_mismatch", verification.Reason);
    }

    [Fact]
    public async Task A_rewritten_chain_link_is_found()
    {
        var store = CreateStore();
        for (var i = 0; i < 4; i++)
        {
            await AppendOneAsync(store, Record("user-1", "audio.play"), Start.AddSeconds(i));
        }

        // Resealing an edited entry with a correct hash still breaks the link from the entry after it.
        var second = (await store.ReadAsync(All).ToListAsync())[1];
        var forged = AuditChain.Seal(2, second.At, Record("someone-else", "audio.play"), second.PreviousHash);
        await ExecuteAsync(WithoutGuards($"UPDATE AuditLog SET ActorId = 'someone-else', Hash = '{forged.Hash}' WHERE Seq = 2;"));

        var verification = await AuditChain.VerifyAsync(store.ReadAsync(All), anchor: null, CancellationToken.None);
        Assert.Equal(3, verification.FirstBrokenSeq);
        Assert.Equal("link_broken", verification.Reason);
    }

    [Fact]
    public async Task Deleting_the_newest_entries_is_found_against_the_anchor_though_the_chain_left_is_whole()
    {
        var store = CreateStore();
        using var blobDirectory = new TempDirectory();
        var blobs = new FileSystemBlobStore(blobDirectory.Path);
        AuditEntry newest = null!;
        for (var i = 0; i < 5; i++)
        {
            newest = await AppendOneAsync(store, Record("user-1", "document.delete"), Start.AddSeconds(i));
        }

        await AuditAnchor.WriteAsync(blobs, new AuditHead(newest.Seq, newest.Hash));
        await ExecuteAsync(WithoutGuards("DELETE FROM AuditLog WHERE Seq >= 4;"));

        // The chain alone cannot tell: what is left links up from the first entry.
        Assert.True((await AuditChain.VerifyAsync(store.ReadAsync(All), anchor: null, CancellationToken.None)).Valid);
        var verification = await AuditChain.VerifyAsync(store.ReadAsync(All), await AuditAnchor.ReadAsync(blobs), CancellationToken.None);
        Assert.False(verification.Valid);
        Assert.Equal("truncated", verification.Reason);
        Assert.Equal(4, verification.FirstBrokenSeq);
        Assert.Equal(5, verification.AnchoredSeq);
        Assert.Equal(3, verification.EntriesChecked);
    }

    [Fact]
    public async Task Newest_entries_deleted_and_written_again_are_found_at_the_anchored_place()
    {
        var store = CreateStore();
        for (var i = 0; i < 5; i++)
        {
            await AppendOneAsync(store, Record("user-1", "auth.login"), Start.AddSeconds(i));
        }

        var anchored = (await store.GetAsync(5))!;
        await ExecuteAsync(WithoutGuards("DELETE FROM AuditLog WHERE Seq >= 4;"));
        await AppendOneAsync(store, Record("someone-else", "auth.login"), Start.AddSeconds(3));
        await AppendOneAsync(store, Record("someone-else", "auth.login"), Start.AddSeconds(4));

        var verification = await AuditChain.VerifyAsync(store.ReadAsync(All), new AuditHead(anchored.Seq, anchored.Hash), CancellationToken.None);
        Assert.Equal("anchor_mismatch", verification.Reason);
        Assert.Equal(5, verification.FirstBrokenSeq);
        Assert.Null(await store.GetAsync(6));
    }

    [Fact]
    public async Task A_log_emptied_under_an_anchor_is_truncated_from_its_first_entry()
    {
        var store = CreateStore();
        var only = await AppendOneAsync(store, Record("user-1", "auth.login"), Start);
        await ExecuteAsync(WithoutGuards("DELETE FROM AuditLog;"));

        var verification = await AuditChain.VerifyAsync(store.ReadAsync(All), new AuditHead(only.Seq, only.Hash), CancellationToken.None);
        Assert.Equal("truncated", verification.Reason);
        Assert.Equal(1, verification.FirstBrokenSeq);
        Assert.Equal(0, verification.EntriesChecked);
    }

    [Fact]
    public async Task Queries_filter_by_time_user_and_action_newest_first_and_page()
    {
        var store = CreateStore();
        for (var i = 0; i < 10; i++)
        {
            await AppendOneAsync(store, Record(i % 2 == 0 ? "even" : "odd", i < 5 ? "auth.login" : "audio.play"), Start.AddHours(i));
        }

        var evens = await store.QueryAsync(new AuditFilter(null, null, "even", null), new PageRequest(2, 2));
        Assert.Equal(5, evens.TotalItems);
        Assert.Equal([4L, 2L], evens.Items.Select(Hour));

        var window = await store.QueryAsync(new AuditFilter(Start.AddHours(3), Start.AddHours(7), null, "audio.play"), new PageRequest(1, 100));
        Assert.Equal(2, window.TotalItems);
        Assert.Equal([6L, 5L], window.Items.Select(Hour));

        var oldestFirst = await store.ReadAsync(new AuditFilter(null, Start.AddHours(4), "odd", null)).Select(Hour).ToListAsync();
        Assert.Equal([1L, 3L], oldestFirst);
    }

    protected async Task ExecuteAsync(string sql)
    {
        await using var connection = await Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static long Hour(AuditEntry entry) => (long)(entry.At - Start).TotalHours;

    private static async Task<AuditEntry> AppendOneAsync(IAuditStore store, AuditRecord record, DateTimeOffset at) =>
        (await store.AppendAsync([record], at)).Single();

    private static AuditRecord Record(string actor, string action) =>
        new(actor, action, "document", "d1", "127.0.0.1", "tests", AuditRecord.Success);
}
