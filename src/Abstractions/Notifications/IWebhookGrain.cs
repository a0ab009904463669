using Lector.Abstractions.Work;
using Orleans.Concurrency;

namespace Lector.Abstractions.Notifications;

/// <summary>A user's optional webhook (keyed by user id): each notification is POSTed there, signed, retried until it is taken.</summary>
[Alias("Lector.IWebhookGrain")]
public interface IWebhookGrain : IResumableGrain
{
    /// <summary>Sets the URL; a null <paramref name="secret"/> makes one. Refuses URLs that resolve to special-use addresses (loopback, private, link-local, documentation, NAT64 and 6to4 forms of those) or to this host, unless the operator allows private targets.</summary>
    [Alias("Configure")]
    Task<WebhookView> Configure(string url, string? secret);

    [Alias("Remove")]
    Task Remove();

    [Alias("Get"), ReadOnly]
    Task<WebhookView?> Get();

    /// <summary>Queues the notification for delivery; a no-op when no webhook is set.</summary>
    [Alias("Deliver"), OneWay]
    Task Deliver(Notification notification);
}
