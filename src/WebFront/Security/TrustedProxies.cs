using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace Lector.WebFront.Security;

/// <summary>
/// Bound from <c>ForwardedHeaders</c>: the reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>
/// are believed. None by default, so a client connecting directly cannot name its own address.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Comma-separated IP addresses of proxies, e.g. <c>10.0.0.5,fd00::5</c>.</summary>
    public string KnownProxies { get; set; } = "";

    /// <summary>Comma-separated CIDR networks of proxies, e.g. <c>10.0.0.0/24</c>.</summary>
    public string KnownNetworks { get; set; } = "";

    /// <summary>The entries that are not an address (in <see cref="KnownProxies"/>) or a network (in <see cref="KnownNetworks"/>).</summary>
    public IEnumerable<string> InvalidEntries() =>
        Entries(KnownProxies).Where(e => !IPAddress.TryParse(e, out _))
            .Concat(Entries(KnownNetworks).Where(e => !IPNetwork.TryParse(e, out _)));

    public IEnumerable<IPAddress> Proxies() => Entries(KnownProxies).Select(IPAddress.Parse);

    public IEnumerable<IPNetwork> Networks() => Entries(KnownNetworks).Select(IPNetwork.Parse);

    private static string[] Entries(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Who the client is when Lector runs behind reverse proxies: the address a trusted proxy forwarded, else the connection's.</summary>
public static class TrustedProxies
{
    /// <summary>Binds and checks <see cref="TrustedProxyOptions"/> (a bad entry stops the start) and trusts exactly those proxies.</summary>
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TrustedProxyOptions>()
            .Bind(configuration.GetSection(TrustedProxyOptions.Section))
            .Validate(o => !o.InvalidEntries().Any(), "ForwardedHeaders:KnownProxies must list IP addresses and ForwardedHeaders:KnownNetworks CIDR networks, comma-separated.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((forwarded, trusted) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // ASP.NET Core trusts loopback by default; Lector trusts only what the operator lists.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.Value.Proxies())
            {
                forwarded.KnownProxies.Add(proxy);
            }

            foreach (var network in trusted.Value.Networks())
            {
                forwarded.KnownIPNetworks.Add(network);
            }

            // Walk back through every trusted hop (a CDN in front of a load balancer), stopping at the first untrusted one.
            forwarded.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>The client's address as the forwarded-headers middleware settled it, IPv4 in its plain form.</summary>
    public static string ClientAddress(this HttpContext http) =>
        http.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : "unknown";

    /// <summary>
    /// The client as limits count it: its IPv4 address, or its IPv6 /64, since one subscriber is usually given a whole
    /// /64 and could otherwise spread attempts over many addresses.
    /// </summary>
    public static string ClientPartition(this HttpContext http)
    {
        if (http.Connection.RemoteIpAddress is not { } address)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6 || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.MapToIPv4().ToString();
        }

        var bytes = address.GetAddressBytes();
        bytes.AsSpan(8).Clear();
        return $"{new IPAddress(bytes)}/64";
    }
}
