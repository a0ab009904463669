using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.Grains.Audit;
using Microsoft.Data.Sqlite;

namespace Lector.Grains.Tests.Audit;

/// <summary>The audit grains in a running cluster on SQLite: the anchor outside the database, and folded refusals.</summary>
public sealed class AuditGrainTests(AuditClusterFixture cluster) : IClassFixture<AuditClusterFixture>
{
    private IAuditGrain Audit => cluster.Client.GetGrain<IAuditGrain>(0);

    [Fact]
    public async Task Each_append_is_anchored_and_deleting_the_newest_entries_is_reported_and_never_adopted()
    {
        for (var i = 0; i < 4; i++)
        {
            await Audit.Append([Record($"anchor-{i}", "document.upload", "target")]);
            var verified = await Audit.Verify();
            Assert.True(verified.Valid, verified.Reason);
            Assert.Equal((await Newest()).Seq, verified.AnchoredSeq);
            Assert.Equal(verified.AnchoredSeq, (await AuditAnchor.ReadAsync(cluster.Blobs))?.Seq);
        }

        var head = (await AuditAnchor.ReadAsync(cluster.Blobs))!;

        await ExecuteAsync($"DROP TRIGGER IF EXISTS AuditLog_NoDelete; DELETE FROM AuditLog WHERE Seq >= {head.Seq - 1};");
        var truncated = await Audit.Verify();
        Assert.Equal(("truncated", head.Seq - 1), (truncated.Reason, truncated.FirstBrokenSeq));

        // New entries take the deleted places; the anchor does not move on to the chain that replaced them.
        await Audit.Append([Record("after-1", "auth.login", "target")]);
        await Audit.Append([Record("after-2", "auth.login", "target")]);
        await Audit.Append([Record("after-3", "auth.login", "target")]);
        var replaced = await Audit.Verify();
        Assert.Equal(("anchor_mismatch", head.Seq), (replaced.Reason, replaced.FirstBrokenSeq));
        Assert.Equal(head, await AuditAnchor.ReadAsync(cluster.Blobs));
    }

    [Fact]
    public async Task A_burst_of_appends_is_committed_in_groups_each_answered_once_stored()
    {
        const int burst = 300;
        var actor = $"burst-{Guid.NewGuid():N}";
        var transactionsBefore = cluster.AppendTransactions;
        var callsBefore = cluster.AppendCalls;

        // The first transaction of each silo waits until every append has reached a silo, so the rest queue behind it
        // however fast or slow this machine runs them.
        var release = cluster.HoldNextAppends();
        var appends = Task.WhenAll(Enumerable.Range(0, burst).Select(i => Audit.Append([Record(actor, "audio.generate", $"audio-{i}")])));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (cluster.AppendCalls - callsBefore < burst)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Only {cluster.AppendCalls - callsBefore} of {burst} appends reached the silos.");
            await Task.Delay(20);
        }

        Assert.False(appends.IsCompleted);
        release.SetResult();
        await appends;

        // Every caller was answered after its entry was stored.
        var stored = await cluster.Store.ReadAsync(new AuditFilter(null, null, actor, null)).ToListAsync();
        Assert.Equal(burst, stored.Count);
        Assert.Equal(burst, stored.Select(e => e.TargetId).Distinct().Count());

        // A held transaction per silo, then the appends queued meanwhile in a group or two (one may have been let in
        // just as the hold ended): not one transaction each.
        Assert.InRange(cluster.AppendTransactions - transactionsBefore, 1, 6);
    }

    [Fact]
    public async Task One_clients_repeated_refusals_are_one_entry_at_once_and_one_counting_the_rest_when_the_window_closes()
    {
        var actor = $"csrf-{Guid.NewGuid():N}";
        var client = cluster.Client.GetGrain<IRefusalAuditGrain>("203.0.113.7");
        for (var i = 0; i < 6; i++)
        {
            await client.Refused(Record(actor, "request.csrf_refused", "POST /api/documents/"), 1);
        }

        var first = Assert.Single(await WaitForEntriesAsync(actor, e => e.Count >= 1));
        Assert.Equal(AuditRecord.Refused, first.Outcome);
        Assert.Equal("POST /api/documents/", first.TargetId);

        var both = await WaitForEntriesAsync(actor, e => e.Count >= 2);
        Assert.Equal([AuditRecord.Refused, AuditRecord.RefusedAgain(5)], both.Select(e => e.Outcome));
    }

    [Fact]
    public async Task Past_the_budget_the_refusals_of_many_clients_fold_into_the_overflow_and_none_is_lost()
    {
        var actor = $"spray-{Guid.NewGuid():N}";
        const int clients = 12;
        for (var i = 0; i < clients; i++)
        {
            await cluster.Client.GetGrain<IRefusalAuditGrain>($"198.51.100.{i}").Refused(Record(actor, "request.admin_only", $"GET /api/admin/{actor}"), 1);
        }

        // Every refusal is accounted for once the windows close: one for a first entry, n for "refused:n".
        var entries = await WaitForEntriesAsync(actor, e => e.Sum(Refusals) >= clients);
        Assert.Equal(clients, entries.Sum(Refusals));
        Assert.InRange(entries.Count, 2, AuditClusterFixture.RefusalBudget + 2);
        Assert.Contains(entries, e => e.Ip == IRefusalAuditGrain.Overflow);
    }

    private static long Refusals(AuditEntry entry) =>
        entry.Outcome == AuditRecord.Refused ? 1 : long.Parse(entry.Outcome[(AuditRecord.Refused.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The actor's entries, oldest first, once <paramref name="done"/> holds for them; fails after a deadline.</summary>
    private async Task<List<AuditEntry>> WaitForEntriesAsync(string actor, Func<List<AuditEntry>, bool> done)
    {
        var deadline = DateTime.UtcNow + (5 * AuditClusterFixture.RefusalWindow) + TimeSpan.FromSeconds(10);
        while (true)
        {
            var entries = (await Audit.Query(new AuditFilter(null, null, actor, null), new PageRequest(1, 100))).Items.Reverse().ToList();
            if (done(entries))
            {
                return entries;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The log has: {string.Join(", ", entries.Select(e => $"{e.Ip} {e.Outcome}"))}");
            await Task.Delay(100);
        }
    }

    private async Task<AuditEntry> Newest() => (await Audit.Query(new AuditFilter(null, null, null, null), new PageRequest(1, 1))).Items.Single();

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(cluster.DataDirectory, "lector.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static AuditRecord Record(string actor, string action, string target) =>
        new(actor, action, "endpoint", target, "203.0.113.7", "tests", AuditRecord.Refused);
}
