namespace Lector.Abstractions.Notifications;

/// <summary>A user's notifications, keyed by user id; the newest are kept, the oldest dropped past a bound.</summary>
[Alias("Lector.INotificationInboxGrain")]
public interface INotificationInboxGrain : IGrainWithStringKey
{
    [Alias("Add")]
    Task Add(string kind, string message, IReadOnlyDictionary<string, string> data);

    /// <summary>Newest first.</summary>
    [Alias("List")]
    Task<PagedResult<Notification>> List(PageRequest request);

    /// <summary>Marks the given notifications read, or all when <paramref name="ids"/> is null.</summary>
    [Alias("MarkRead")]
    Task<int> MarkRead(IReadOnlyList<string>? ids);
}
