using System.Net;
using System.Security.Cryptography;
using System.Text;
using Lector.Grains.Outbound;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Notifications;

/// <summary>
/// Posts signed webhook payloads. Addresses are checked by <see cref="OutboundAddressPolicy"/> when the connection is
/// made, not only when the URL is saved, so a name that later resolves to a private address (DNS rebinding) is still refused.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const string SignatureHeader = "X-Lector-Signature";
    public const string TimestampHeader = "X-Lector-Timestamp";
    public const string DeliveryHeader = "X-Lector-Delivery";

    private readonly HttpClient _client;
    private readonly IOptionsMonitor<NotificationOptions> _options;
    private readonly TimeProvider _time;
    private readonly OutboundAddressPolicy _policy;

    public WebhookSender(IOptionsMonitor<NotificationOptions> options, TimeProvider time, OutboundAddressPolicy policy)
    {
        _options = options;
        _time = time;
        _policy = policy;
        _client = new HttpClient(policy.CreateHandler(() => options.CurrentValue.AllowPrivateWebhooks)) { Timeout = options.CurrentValue.WebhookTimeout };
    }

    /// <summary>Throws <see cref="OutboundAddressRefusedException"/> when the URL's host may not be called.</summary>
    public Task CheckAsync(Uri url, CancellationToken cancellationToken) =>
        _policy.ResolveAsync(new DnsEndPoint(url.IdnHost, url.Port), _options.CurrentValue.AllowPrivateWebhooks, cancellationToken);

    /// <summary>True when the receiver took the delivery (2xx).</summary>
    public async Task<bool> SendAsync(Uri url, string secret, string deliveryId, string payload, CancellationToken cancellationToken)
    {
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(DeliveryHeader, deliveryId);
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(SignatureHeader, "sha256=" + Sign(secret, timestamp, payload));
        using var response = await _client.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    /// <summary>HMAC-SHA256 over "timestamp.payload", so a receiver can refuse replays of old deliveries.</summary>
    public static string Sign(string secret, string timestamp, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}")));

    public void Dispose() => _client.Dispose();
}
