using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.Grains.Audit;
using Lector.Grains.Storage;
using Microsoft.Data.Sqlite;

namespace Lector.Grains.Tests.Audit;

public sealed class SqliteAuditStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _data = new();
    private SqliteDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = new SqliteDatabase(_data.Path);
        await _database.MigrateAsync(CancellationToken.None);
        await new SqliteAuditStore(_database).MigrateAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _data.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Appends_racing_from_two_stores_form_one_valid_chain()
    {
        // Two store instances on one file stand for two silos appending at once.
        var stores = new[] { new SqliteAuditStore(_database), new SqliteAuditStore(_database) };

        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => stores[i % 2].AppendAsync(Record($"user-{i % 3}", "document.upload"), Start.AddMinutes(i)))));

        var verification = await AuditChain.VerifyAsync(stores[0].ReadAsync(All), CancellationToken.None);
        Assert.True(verification.Valid, verification.Reason);
        Assert.Equal(60, verification.EntriesChecked);
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), await stores[0].ReadAsync(All).Select(e => e.Seq).ToListAsync());
    }

    [Fact]
    public async Task Updates_and_deletes_are_refused_by_the_database()
    {
        var store = new SqliteAuditStore(_database);
        await store.AppendAsync(Record("user-1", "auth.login"), Start);

        await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync("UPDATE AuditLog SET Outcome = 'failure';"));
        await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync("DELETE FROM AuditLog;"));
        Assert.Single(await store.ReadAsync(All).ToListAsync());
    }

    [Fact]
    public async Task A_removed_entry_breaks_the_chain_at_the_entry_after_it()
    {
        var store = new SqliteAuditStore(_database);
        for (var i = 0; i < 5; i++)
        {
            await store.AppendAsync(Record("user-1", "audio.play"), Start.AddSeconds(i));
        }

        await ExecuteAsync("DROP TRIGGER AuditLog_NoDelete; DELETE FROM AuditLog WHERE Seq = 3;");

        var verification = await AuditChain.VerifyAsync(store.ReadAsync(All), CancellationToken.None);
        Assert.False(verification.Valid);
        Assert.Equal(4, verification.FirstBrokenSeq);
        Assert.Equal("sequence_gap", verification.Reason);
    }

    [Fact]
    public async Task A_rewritten_chain_link_is_found()
    {
        var store = new SqliteAuditStore(_database);
        for (var i = 0; i < 4; i++)
        {
            await store.AppendAsync(Record("user-1", "audio.play"), Start.AddSeconds(i));
        }

        // Resealing an edited entry with a correct hash still breaks the link from the entry after it.
        var second = (await store.ReadAsync(All).ToListAsync())[1];
        var forged = AuditChain.Seal(2, second.At, Record("someone-else", "audio.play"), second.PreviousHash);
        await ExecuteAsync($"DROP TRIGGER AuditLog_NoUpdate; UPDATE AuditLog SET ActorId = 'someone-else', Hash = '{forged.Hash}' WHERE Seq = 2;");

        var verification = await AuditChain.VerifyAsync(store.ReadAsync(All), CancellationToken.None);
        Assert.Equal(3, verification.FirstBrokenSeq);
        Assert.Equal("link_broken", verification.Reason);
    }

    [Fact]
    public async Task Queries_filter_by_time_user_and_action_newest_first_and_page()
    {
        var store = new SqliteAuditStore(_database);
        for (var i = 0; i < 10; i++)
        {
            await store.AppendAsync(Record(i % 2 == 0 ? "even" : "odd", i < 5 ? "auth.login" : "audio.play"), Start.AddHours(i));
        }

        var evens = await store.QueryAsync(new AuditFilter(null, null, "even", null), new PageRequest(2, 2));
        Assert.Equal(5, evens.TotalItems);
        Assert.Equal([4L, 2L], evens.Items.Select(e => Hour(e)));

        var window = await store.QueryAsync(new AuditFilter(Start.AddHours(3), Start.AddHours(7), null, "audio.play"), new PageRequest(1, 100));
        Assert.Equal([6L, 5L], window.Items.Select(e => Hour(e)));
    }

    private static readonly AuditFilter All = new(null, null, null, null);

    private static long Hour(AuditEntry entry) => (long)(entry.At - Start).TotalHours;

    private static AuditRecord Record(string actor, string action) =>
        new(actor, action, "document", "d1", "127.0.0.1", "tests", AuditRecord.Success);

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
