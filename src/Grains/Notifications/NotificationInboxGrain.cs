using Lector.Abstractions;
using Lector.Abstractions.Notifications;
using Lector.Grains.Accounts;

namespace Lector.Grains.Notifications;

public sealed class NotificationInboxState
{
    /// <summary>Oldest first; appended at the end.</summary>
    public List<Notification> Items { get; set; } = [];
}

public sealed class NotificationInboxGrain(
    [PersistentState("notifications")] IPersistentState<NotificationInboxState> state,
    TimeProvider time) : Grain, INotificationInboxGrain
{
    /// <summary>An inbox is a recent history, not an archive; the oldest go past this bound.</summary>
    public const int MaxKept = 500;

    public async Task Add(string kind, string message, IReadOnlyDictionary<string, string> data)
    {
        var notification = new Notification(Secrets.NewId(), kind, message, new Dictionary<string, string>(data), time.GetUtcNow(), Read: false);
        state.State.Items.Add(notification);
        if (state.State.Items.Count > MaxKept)
        {
            state.State.Items.RemoveRange(0, state.State.Items.Count - MaxKept);
        }

        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IWebhookGrain>(this.GetPrimaryKeyString()).Deliver(notification);
    }

    public Task<PagedResult<Notification>> List(PageRequest request) =>
        Task.FromResult(PagedResult<Notification>.From([.. Enumerable.Reverse(state.State.Items)], request));

    public async Task<int> MarkRead(IReadOnlyList<string>? ids)
    {
        var marked = 0;
        var items = state.State.Items;
        for (var i = 0; i < items.Count; i++)
        {
            if (!items[i].Read && (ids is null || ids.Contains(items[i].Id)))
            {
                items[i] = items[i] with { Read = true };
                marked++;
            }
        }

        if (marked > 0)
        {
            await state.WriteStateAsync();
        }

        return marked;
    }
}
