using System.Net;
using System.Net.Sockets;

namespace Lector.Grains.Outbound;

/// <summary>
/// Which addresses the calls users direct (webhook deliveries, URL imports) may reach: public unicast only, and never
/// this host, so a user cannot make the service call into its own network. The table is the IANA IPv4 and IPv6
/// Special-Purpose Address Registries (RFC 6890 and the RFCs that added to them), plus multicast; IPv6 must also be
/// global unicast (2000::/3). Forms that carry an IPv4 address inside an IPv6 one are judged by that IPv4 address.
/// Addresses are judged as parsed by the platform and as resolved, never by how a URL spells them, so decimal, octal
/// or hexadecimal spellings of an address are judged as the address they stand for.
/// </summary>
/// <param name="exemptEndpoints">
/// Endpoints allowed whatever their address: a test stands a local server in for a public one with it, to show that
/// everything else (a redirect onwards, say) is still judged. Empty in every host.
/// </param>
public sealed class OutboundAddressPolicy(HostAddresses hostAddresses, IReadOnlySet<IPEndPoint>? exemptEndpoints = null)
{
    private static readonly SpecialRange[] SpecialRanges =
    [
        new("0.0.0.0/8"), // "this network"
        new("10.0.0.0/8"), // private
        new("100.64.0.0/10"), // shared address space (carrier-grade NAT)
        new("127.0.0.0/8"), // loopback
        new("169.254.0.0/16"), // link-local (cloud metadata services live here)
        new("172.16.0.0/12"), // private
        new("192.0.0.0/24"), // IETF protocol assignments (DS-Lite, NAT64 discovery, TURN anycast)
        new("192.0.2.0/24"), // documentation TEST-NET-1
        new("192.31.196.0/24"), // AS112
        new("192.52.193.0/24"), // AMT
        new("192.88.99.0/24"), // 6to4 relay anycast (deprecated)
        new("192.168.0.0/16"), // private
        new("192.175.48.0/24"), // AS112 direct delegation
        new("198.18.0.0/15"), // benchmarking
        new("198.51.100.0/24"), // documentation TEST-NET-2
        new("203.0.113.0/24"), // documentation TEST-NET-3
        new("224.0.0.0/4"), // multicast
        new("240.0.0.0/4"), // reserved, and the limited broadcast 255.255.255.255
        new("::/96"), // unspecified, loopback and the deprecated IPv4-compatible ::a.b.c.d
        new("::ffff:0:0/96", EmbeddedIPv4At: 12), // IPv4-mapped ::ffff:a.b.c.d
        new("::ffff:0:0:0/96", EmbeddedIPv4At: 12), // IPv4-translated ::ffff:0:a.b.c.d (SIIT)
        new("64:ff9b::/96", EmbeddedIPv4At: 12), // NAT64 well-known prefix: reaches the IPv4 address inside
        new("64:ff9b:1::/48"), // NAT64 local-use prefix
        new("100::/64"), // discard-only
        new("100:0:0:1::/64"), // dummy prefix
        new("2001::/23"), // IETF protocol assignments: Teredo 2001::/32, benchmarking, ORCHID, AMT, AS112
        new("2001:db8::/32"), // documentation
        new("2002::/16", EmbeddedIPv4At: 2), // 6to4: reaches the IPv4 address in bits 16 to 47
        new("2620:4f:8000::/48"), // AS112 direct delegation
        new("3fff::/20"), // documentation
        new("5f00::/16"), // SRv6 segment identifiers
        new("fc00::/7"), // unique local
        new("fe80::/10"), // link-local
        new("fec0::/10"), // site-local (deprecated)
        new("ff00::/8"), // multicast
    ];

    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    /// <summary>An absolute http or https URL without user info, of at most 2000 characters.</summary>
    public static bool IsAcceptableUrl(string url, out Uri uri) =>
        Uri.TryCreate(url, UriKind.Absolute, out uri!)
        && IsAcceptableUrl(uri)
        && url.Length <= 2000;

    /// <summary>An http or https URL without user info (a redirect's target, say).</summary>
    public static bool IsAcceptableUrl(Uri uri) =>
        uri.IsAbsoluteUri && uri.Scheme is "https" or "http" && string.IsNullOrEmpty(uri.UserInfo);

    /// <summary>True when <paramref name="address"/> is a public unicast address that is not one of <paramref name="own"/>.</summary>
    public static bool IsPublic(IPAddress address, IReadOnlySet<IPAddress> own)
    {
        if (own.Contains(address))
        {
            return false;
        }

        foreach (var range in SpecialRanges)
        {
            if (range.Network.Contains(address))
            {
                return range.EmbeddedIPv4At is { } at && IsPublic(new IPAddress(address.GetAddressBytes().AsSpan(at, 4)), own);
            }
        }

        return address.AddressFamily == AddressFamily.InterNetwork || GlobalUnicast.Contains(address);
    }

    /// <summary>
    /// Every address the endpoint's host resolves to; a name with any address not allowed is refused whole
    /// (<see cref="OutboundAddressRefusedException"/>), since the connection may pick any of them.
    /// </summary>
    public async Task<IPAddress[]> ResolveAsync(DnsEndPoint endpoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var own = hostAddresses.Current;
        if (addresses.Length == 0 || (!allowPrivate && !addresses.All(a => IsPublic(a, own) || IsExempt(a, endpoint.Port))))
        {
            throw new OutboundAddressRefusedException();
        }

        return addresses;
    }

    /// <summary>
    /// A handler that connects only to addresses this policy allows, judged as each connection is made: a name that
    /// resolves elsewhere later (DNS rebinding) is judged by the addresses it has then, and the socket connects to
    /// exactly those. It neither follows redirects (a caller that does judges each hop by connecting again) nor uses a
    /// proxy (the proxy's address would be judged instead of the target's). Requests stay on HTTP/1.1 or 2, which
    /// connect through <see cref="SocketsHttpHandler.ConnectCallback"/>; HTTP/3 would not.
    /// </summary>
    public SocketsHttpHandler CreateHandler(Func<bool> allowPrivate) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivate(), cancellationToken),
    };

    private bool IsExempt(IPAddress address, int port) => exemptEndpoints?.Contains(new IPEndPoint(address, port)) == true;

    private async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(endpoint, allowPrivate, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <param name="EmbeddedIPv4At">For forms that carry an IPv4 address, the byte it starts at: the address is judged by it.</param>
    private sealed record SpecialRange(IPNetwork Network, int? EmbeddedIPv4At = null)
    {
        public SpecialRange(string network, int? EmbeddedIPv4At = null)
            : this(IPNetwork.Parse(network), EmbeddedIPv4At)
        {
        }
    }
}
