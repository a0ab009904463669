using System.Net;
using System.Net.Sockets;

namespace Lector.Grains.Notifications;

/// <summary>Which addresses a webhook may reach: public unicast only, so a user cannot make the service call into its own network.</summary>
public static class WebhookTargets
{
    private static readonly (IPAddress Network, int PrefixLength)[] Refused =
    [
        (IPAddress.Parse("0.0.0.0"), 8),
        (IPAddress.Parse("10.0.0.0"), 8),
        (IPAddress.Parse("100.64.0.0"), 10),
        (IPAddress.Parse("127.0.0.0"), 8),
        (IPAddress.Parse("169.254.0.0"), 16),
        (IPAddress.Parse("172.16.0.0"), 12),
        (IPAddress.Parse("192.0.0.0"), 24),
        (IPAddress.Parse("192.168.0.0"), 16),
        (IPAddress.Parse("198.18.0.0"), 15),
        (IPAddress.Parse("224.0.0.0"), 3),
        (IPAddress.Parse("::"), 128),
        (IPAddress.Parse("::1"), 128),
        (IPAddress.Parse("fc00::"), 7),
        (IPAddress.Parse("fe80::"), 10),
        (IPAddress.Parse("ff00::"), 8),
    ];

    public static bool IsAcceptableUrl(string url, out Uri uri) =>
        Uri.TryCreate(url, UriKind.Absolute, out uri!)
        && uri.Scheme is "https" or "http"
        && string.IsNullOrEmpty(uri.UserInfo)
        && url.Length <= 2000;

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return !Refused.Any(r => r.Network.AddressFamily == address.AddressFamily && InNetwork(address, r.Network, r.PrefixLength));
    }

    /// <summary>Every address the host resolves to; a name with any non-public address is refused whole, since the connection may pick any of them.</summary>
    public static async Task<IPAddress[]> ResolveAsync(string host, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0 || (!allowPrivate && !addresses.All(IsPublic)))
        {
            throw new WebhookTargetRefusedException();
        }

        return addresses;
    }

    private static bool InNetwork(IPAddress address, IPAddress network, int prefixLength)
    {
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        for (var bit = 0; bit < prefixLength; bit++)
        {
            var mask = (byte)(0x80 >> (bit % 8));
            if ((a[bit / 8] & mask) != (n[bit / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }
}

public sealed class WebhookTargetRefusedException : Exception
{
    public WebhookTargetRefusedException()
        : base("The webhook target resolves to an address that is not allowed.")
    {
    }

    public WebhookTargetRefusedException(string message)
        : base(message)
    {
    }

    public WebhookTargetRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
