using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Notifications;

/// <summary>
/// Posts signed webhook payloads. Addresses are checked when the connection is made, not only when the URL
/// is saved, so a name that later resolves to a private address (DNS rebinding) is still refused.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    public const string SignatureHeader = "X-Lector-Signature";
    public const string TimestampHeader = "X-Lector-Timestamp";
    public const string DeliveryHeader = "X-Lector-Delivery";

    private readonly HttpClient _client;
    private readonly IOptionsMonitor<NotificationOptions> _options;
    private readonly TimeProvider _time;
    private readonly HostAddresses _hostAddresses;

    public WebhookSender(IOptionsMonitor<NotificationOptions> options, TimeProvider time, HostAddresses hostAddresses)
    {
        _options = options;
        _time = time;
        _hostAddresses = hostAddresses;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = options.CurrentValue.WebhookTimeout };
    }

    /// <summary>Throws <see cref="WebhookTargetRefusedException"/> when the URL's host may not be called.</summary>
    public Task CheckAsync(Uri url, CancellationToken cancellationToken) =>
        ResolveAsync(url.IdnHost, cancellationToken);

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

    private Task<System.Net.IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        WebhookTargets.ResolveAsync(host, _options.CurrentValue.AllowPrivateWebhooks, _hostAddresses.Current, cancellationToken);

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
