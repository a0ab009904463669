using System.Globalization;
using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.Grains.Admin;
using Lector.Grains.Collections;
using Lector.Grains.Tests.Collections;

namespace Lector.Grains.Tests.Admin;

/// <summary>The failure log is one grain for the cluster, so its tests run in one, one after another.</summary>
[Collection(CollectionClusterCollection.Name)]
public sealed class FailureLogGrainTests(CollectionClusterFixture fixture)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CollectionKey Failures = new("failures", "0");

    [Fact]
    public async Task A_log_moved_from_the_grain_state_then_past_its_bound_keeps_the_newest_and_writes_one_row_a_failure()
    {
        var log = fixture.Client.GetGrain<IFailureLogGrain>(0);

        // The older log, whole in the grain state; its records came in out of time order, and the log keeps arrival order.
        var legacy = new FailureLogState { Items = [.. Enumerable.Range(0, 600).Select(i => Failure(i, Start.AddSeconds(i % 2 == 0 ? i : -i)))] };
        await fixture.WriteGrainStateAsync(log, "failures", legacy);
        fixture.Writes.Clear();

        for (var i = 600; i < 1_100; i++)
        {
            await log.Add(Failure(i, Start.AddSeconds(i)));
        }

        var writes = fixture.WritesTo(Failures);
        Assert.Equal(600, writes[0].Rows.Count);
        Assert.Equal(500, writes.Count - 1);
        Assert.All(writes.Skip(1), w =>
        {
            Assert.Single(w.Rows);
            Assert.Equal(writes[1].Bytes, w.Bytes);
        });
        Assert.False((await fixture.ReadGrainStateAsync<FailureLogState>(log, "failures")).RecordExists);

        var first = await log.List(new PageRequest(1, 100));
        Assert.Equal(FailureLogGrain.MaxKept, first.TotalItems);
        Assert.Equal(Enumerable.Range(1_000, 100).Reverse().Select(Code), first.Items.Select(f => f.Code));
        var last = await log.List(new PageRequest(10, 100));
        Assert.Equal(Enumerable.Range(100, 100).Reverse().Select(Code), last.Items.Select(f => f.Code));
        Assert.Equal(FailureLogGrain.MaxKept, await fixture.Store.CountAsync(Failures));
    }

    private static string Code(int i) => $"code-{i.ToString("D6", CultureInfo.InvariantCulture)}";

    private static FailureRecord Failure(int i, DateTimeOffset at) => new(at, "synthesis", "doc-1", null, "user-1", Code(i), "The engine failed.");
}
