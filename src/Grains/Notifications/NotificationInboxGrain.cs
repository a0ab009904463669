using System.Globalization;
using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.Abstractions.Notifications;
using Lector.Grains.Collections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
    IOptionsMonitor<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationInboxGrain> logger) : Grain, INotificationInboxGrain
{
    /// <summary>An inbox is a recent history, not an archive; the oldest go past this bound.</summary>
    public const int MaxKept = 500;

    /// <summary>How many notifications a folded one stands for, in its data.</summary>
    public const string CountKey = "count";

    private CachedCollection<Notification> _notifications = null!;

    // The newest notification of each kind from each person within the window, by id. Kept in memory: an activation
    // outlives the window while notifications keep arriving, and a lost entry costs one notification more, no harm.
    private readonly Dictionary<(string Kind, string Actor), string> _recent = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _notifications = new CachedCollection<Notification>(store, new CollectionKey("notifications", this.GetPrimaryKeyString()));
        await _notifications.MoveFromAsync(
            legacyState, state => CachedCollection<Notification>.InAppendOrder(state.Items.Select(n => (n.Id, n, n.CreatedAt))), logger);
        await _notifications.LoadAsync();
    }

    public async Task Add(string kind, string? actorId, string message, IReadOnlyDictionary<string, string> data)
    {
        var now = time.GetUtcNow();
        ForgetBefore(now - options.CurrentValue.CoalesceWindow);
        if (actorId is not null && _recent.TryGetValue((kind, actorId), out var firstId) && _notifications.TryGet(firstId, out var first))
        {
            var count = (int.TryParse(first.Data.GetValueOrDefault(CountKey), CultureInfo.InvariantCulture, out var folded) ? folded : 1) + 1;
            var latest = new Dictionary<string, string>(data) { [CountKey] = count.ToString(CultureInfo.InvariantCulture) };
            await _notifications.ReplaceAsync([(firstId, first with { Message = message, Data = latest, Read = false })]);
            return;
        }

        var notification = new Notification(Secrets.NewId(), kind, message, new Dictionary<string, string>(data), now, Read: false);
        await _notifications.AppendAsync(notification.Id, notification, notification.CreatedAt);
        await _notifications.TrimAsync(MaxKept);
        if (actorId is not null)
        {
            _recent[(kind, actorId)] = notification.Id;
        }

        await GrainFactory.Grain<IWebhookGrain>(this.GetPrimaryKeyString()).Deliver(notification);
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

    private void ForgetBefore(DateTimeOffset start)
    {
        foreach (var (key, id) in _recent)
        {
            if (!_notifications.TryGet(id, out var notification) || notification.CreatedAt <= start)
            {
                _recent.Remove(key);
            }
        }
    }
}
