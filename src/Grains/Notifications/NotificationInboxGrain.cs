using Lector.Abstractions;
using Lector.Abstractions.Notifications;
using Lector.Grains.Accounts;
using Lector.Grains.Collections;
using Microsoft.Extensions.Logging;

namespace Lector.Grains.Notifications;

/// <summary>The grain state older Lector versions kept the whole inbox in; read only to move it into rows.</summary>
public sealed class NotificationInboxState
{
    /// <summary>Oldest first; appended at the end.</summary>
    public List<Notification> Items { get; set; } = [];
}

/// <summary>A user's inbox: one row per notification in the collection store, all of them (a bounded number) in memory.</summary>
public sealed class NotificationInboxGrain(
    [PersistentState("notifications")] IPersistentState<NotificationInboxState> legacyState,
    ICollectionStore store,
    TimeProvider time,
    ILogger<NotificationInboxGrain> logger) : Grain, INotificationInboxGrain
{
    /// <summary>An inbox is a recent history, not an archive; the oldest go past this bound.</summary>
    public const int MaxKept = 500;

    private CachedCollection<Notification> _notifications = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _notifications = new CachedCollection<Notification>(store, new CollectionKey("notifications", this.GetPrimaryKeyString()));
        await _notifications.MoveFromAsync(
            legacyState, state => CachedCollection<Notification>.InAppendOrder(state.Items.Select(n => (n.Id, n, n.CreatedAt))), logger);
        await _notifications.LoadAsync();
    }

    public async Task Add(string kind, string message, IReadOnlyDictionary<string, string> data)
    {
        var notification = new Notification(Secrets.NewId(), kind, message, new Dictionary<string, string>(data), time.GetUtcNow(), Read: false);
        await _notifications.AppendAsync(notification.Id, notification, notification.CreatedAt);
        await _notifications.TrimAsync(MaxKept);
        await GrainFactory.GetGrain<IWebhookGrain>(this.GetPrimaryKeyString()).Deliver(notification);
    }

    public Task<PagedResult<Notification>> List(PageRequest request) => _notifications.PageAsync(request);

    public async Task<int> MarkRead(IReadOnlyList<string>? ids)
    {
        var marked = _notifications.Entries
            .Where(e => !e.Item.Read && (ids is null || ids.Contains(e.Id)))
            .Select(e => (e.Id, e.Item with { Read = true }))
            .ToList();
        await _notifications.ReplaceAsync(marked);
        return marked.Count;
    }
}
