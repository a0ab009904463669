using System.Globalization;
using Lector.Abstractions;
using Lector.Abstractions.Notifications;
using Lector.Grains.Collections;
using Lector.Grains.Notifications;
using Lector.Grains.Tests.Collections;

namespace Lector.Grains.Tests.Notifications;

[Collection(CollectionClusterCollection.Name)]
public sealed class NotificationInboxGrainTests(CollectionClusterFixture fixture)
{
    private static readonly Dictionary<string, string> NoData = [];

    [Fact]
    public async Task An_inbox_sent_10000_notifications_keeps_the_newest_and_writes_one_row_a_notification()
    {
        var user = NewUser();
        var inbox = fixture.Client.GetGrain<INotificationInboxGrain>(user);
        var collection = new CollectionKey("notifications", user);
        fixture.Writes.Clear();

        for (var i = 0; i < 10_000; i++)
        {
            await inbox.Add("audio.completed", null, Message(i), NoData);
        }

        var writes = fixture.WritesTo(collection);
        Assert.Equal(10_000, writes.Count);
        Assert.All(writes, w => Assert.Single(w.Rows));

        // Only the time's fraction of a second (0 to 7 digits) changes length from one notification to the next.
        Assert.InRange(writes[^1].Bytes, writes[0].Bytes - 7, writes[0].Bytes + 7);

        var first = await inbox.List(new PageRequest(1, 50));
        Assert.Equal(NotificationInboxGrain.MaxKept, first.TotalItems);
        Assert.Equal(Enumerable.Range(9_950, 50).Reverse().Select(Message), first.Items.Select(n => n.Message));
        var last = await inbox.List(new PageRequest(NotificationInboxGrain.MaxKept / 50, 50));
        Assert.Equal(Enumerable.Range(10_000 - NotificationInboxGrain.MaxKept, 50).Reverse().Select(Message), last.Items.Select(n => n.Message));
        Assert.Equal(NotificationInboxGrain.MaxKept, await fixture.Store.CountAsync(collection));
        Assert.Equal(0, await fixture.GrainStateBytesAsync(user));
    }

    [Fact]
    public async Task Marking_read_writes_the_notifications_it_changes_and_they_stay_read()
    {
        var user = NewUser();
        var inbox = fixture.Client.GetGrain<INotificationInboxGrain>(user);
        for (var i = 0; i < 5; i++)
        {
            await inbox.Add("audio.completed", null, Message(i), NoData);
        }

        var ids = (await inbox.List(new PageRequest(1, 10))).Items.Select(n => n.Id).ToList();
        fixture.Writes.Clear();

        Assert.Equal(2, await inbox.MarkRead([ids[0], ids[3], "not-a-notification"]));
        Assert.Equal(2, Assert.Single(fixture.WritesTo(new CollectionKey("notifications", user))).Rows.Count);
        Assert.Equal(3, await inbox.MarkRead(null));
        Assert.Equal(0, await inbox.MarkRead(null));

        await fixture.DeactivateAllAsync();
        var after = (await inbox.List(new PageRequest(1, 10))).Items;
        Assert.Equal(ids, after.Select(n => n.Id));
        Assert.All(after, n => Assert.True(n.Read));
    }

    [Fact]
    public async Task An_inbox_kept_whole_in_the_grain_state_moves_into_rows_in_its_order_and_the_state_is_cleared()
    {
        var user = NewUser();
        var inbox = fixture.Client.GetGrain<INotificationInboxGrain>(user);

        // Equal times, as notifications added within one clock tick have: the order is the list's, not the ids'.
        var at = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
        var legacy = new NotificationInboxState
        {
            Items = [.. Enumerable.Range(0, 300).Select(i => new Notification($"{(300 - i) % 7}-{i}", "audio.completed", Message(i), NoData, at, Read: i % 2 == 0))],
        };
        await fixture.WriteGrainStateAsync(inbox, "notifications", legacy);

        await inbox.Add("audio.completed", null, Message(300), NoData);

        var listed = await inbox.List(new PageRequest(1, 500));
        Assert.Equal(Enumerable.Range(0, 301).Reverse().Select(Message), listed.Items.Select(n => n.Message));
        Assert.Equal(legacy.Items.Select(n => (n.Id, n.Read)).Reverse(), listed.Items.Skip(1).Select(n => (n.Id, n.Read)));
        Assert.False((await fixture.ReadGrainStateAsync<NotificationInboxState>(inbox, "notifications")).RecordExists);
    }

    [Fact]
    public async Task Notifications_of_one_kind_from_one_person_fold_into_the_first_within_the_window()
    {
        var user = NewUser();
        var inbox = fixture.Client.GetGrain<INotificationInboxGrain>(user);
        for (var i = 0; i < 5; i++)
        {
            await inbox.Add("document.shared", "mallory", Message(i), new Dictionary<string, string> { ["documentId"] = $"d{i}" });
        }

        await inbox.MarkRead(null);
        await inbox.Add("document.shared", "mallory", Message(5), new Dictionary<string, string> { ["documentId"] = "d5" });
        await inbox.Add("document.shared", "alice", Message(6), NoData);
        await inbox.Add("audio.expiring", "mallory", Message(7), NoData);
        await inbox.Add("audio.expiring", null, Message(8), NoData);
        await inbox.Add("audio.expiring", null, Message(9), NoData);

        var listed = (await inbox.List(new PageRequest(1, 50))).Items;
        Assert.Equal([Message(9), Message(8), Message(7), Message(6), Message(5)], listed.Select(n => n.Message));
        var folded = listed[^1];
        Assert.Equal("6", folded.Data[NotificationInboxGrain.CountKey]);
        Assert.Equal("d5", folded.Data["documentId"]);
        Assert.False(folded.Read);
        Assert.All(listed.SkipLast(1), n => Assert.False(n.Data.ContainsKey(NotificationInboxGrain.CountKey)));
    }

    private static string NewUser() => $"user-{Guid.NewGuid():N}";

    private static string Message(int i) => $"Notification {i.ToString("D6", CultureInfo.InvariantCulture)}";
}
