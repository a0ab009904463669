namespace Lector.Abstractions.Notifications;

/// <summary>A user's notifications, keyed by user id; the newest are kept, the oldest dropped past a bound.</summary>
[Alias("Lector.INotificationInboxGrain")]
public interface INotificationInboxGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds a notification and sends it to the user's webhook. One caused by a person (<paramref name="actorId"/>: a user
    /// id, or <c>anonymous</c>) folds into an earlier one of the same kind from the same person when that one is recent.
    /// Lector's own notifications (a null actor) never fold.
    /// </summary>
    [Alias("Add")]
    Task Add(string kind, string? actorId, string message, IReadOnlyDictionary<string, string> data);

    /// <summary>Newest first.</summary>
    [Alias("List")]
    Task<PagedResult<Notification>> List(PageRequest request);

    /// <summary>Marks the given notifications read, or all when <paramref name="ids"/> is null.</summary>
    [Alias("MarkRead")]
    Task<int> MarkRead(IReadOnlyList<string>? ids);
}
