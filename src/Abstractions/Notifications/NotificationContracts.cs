namespace Lector.Abstractions.Notifications;

/// <summary>A message to a user. <see cref="Kind"/> is stable (e.g. <c>document.shared</c>); <see cref="Data"/> holds ids and names, never document text.</summary>
[GenerateSerializer, Alias("Lector.Notification")]
public sealed record Notification(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Message,
    [property: Id(3)] IReadOnlyDictionary<string, string> Data,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] bool Read);

/// <summary>A user's webhook. The secret keys the HMAC-SHA256 signature of each delivery; it is shown when set, never listed.</summary>
[GenerateSerializer, Alias("Lector.WebhookView")]
public sealed record WebhookView(
    [property: Id(0)] string Url,
    [property: Id(1)] string? Secret,
    [property: Id(2)] int PendingDeliveries);
