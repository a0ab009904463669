using System.Net;
using Lector.Grains.Outbound;
using Microsoft.Extensions.Time.Testing;

namespace Lector.Grains.Tests.Outbound;

public sealed class OutboundAddressPolicyTests
{
    private static readonly HashSet<IPAddress> NoOwnAddresses = [];

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("10.20.30.40")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("169.254.169.254")]
    [InlineData("172.31.0.1")]
    [InlineData("192.0.0.170")]
    [InlineData("192.0.2.1")]
    [InlineData("192.0.2.255")]
    [InlineData("192.31.196.1")]
    [InlineData("192.52.193.1")]
    [InlineData("192.88.99.1")]
    [InlineData("192.168.1.1")]
    [InlineData("192.175.48.1")]
    [InlineData("198.18.0.1")]
    [InlineData("198.19.255.255")]
    [InlineData("198.51.100.7")]
    [InlineData("203.0.113.7")]
    [InlineData("224.0.0.251")]
    [InlineData("239.255.255.250")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::127.0.0.1")] // IPv4-compatible
    [InlineData("::8.8.8.8")] // IPv4-compatible forms are deprecated whatever they carry
    [InlineData("::ffff:127.0.0.1")] // IPv4-mapped
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:0:127.0.0.1")] // IPv4-translated
    [InlineData("::ffff:0:192.168.0.1")]
    [InlineData("64:ff9b::7f00:1")] // NAT64 to 127.0.0.1
    [InlineData("64:ff9b::a9fe:a9fe")] // NAT64 to 169.254.169.254
    [InlineData("64:ff9b::c000:201")] // NAT64 to 192.0.2.1
    [InlineData("64:ff9b:1::808:808")] // NAT64 local-use prefix
    [InlineData("2002:7f00:1::")] // 6to4 around 127.0.0.1
    [InlineData("2002:c0a8:101::1")] // 6to4 around 192.168.1.1
    [InlineData("2002:a00:1:1::1")] // 6to4 around 10.0.0.1
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")] // Teredo
    [InlineData("2001:2::1")] // benchmarking
    [InlineData("2001:db8::1")] // documentation
    [InlineData("3fff::1")] // documentation
    [InlineData("100::1")] // discard-only
    [InlineData("5f00::1")] // SRv6
    [InlineData("2620:4f:8000::1")] // AS112
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("fe80::1")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    [InlineData("4000::1")] // outside global unicast
    public void Special_use_addresses_are_refused(string address) =>
        Assert.False(OutboundAddressPolicy.IsPublic(IPAddress.Parse(address), NoOwnAddresses), address);

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("100.63.255.255")] // just below shared address space
    [InlineData("100.128.0.1")] // just above it
    [InlineData("172.32.0.1")] // just above 172.16.0.0/12
    [InlineData("192.0.3.1")] // next to TEST-NET-1
    [InlineData("198.20.0.1")] // just above benchmarking
    [InlineData("223.255.255.254")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("::ffff:8.8.8.8")] // IPv4-mapped public
    [InlineData("64:ff9b::808:808")] // NAT64 to a public address
    [InlineData("2002:808:808::1")] // 6to4 around a public address
    public void Public_unicast_addresses_are_allowed(string address) =>
        Assert.True(OutboundAddressPolicy.IsPublic(IPAddress.Parse(address), NoOwnAddresses), address);

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("::ffff:93.184.215.14")]
    [InlineData("64:ff9b::5db8:d70e")]
    [InlineData("2002:5db8:d70e::1")]
    [InlineData("2606:4700:4700::1111")]
    public void The_host_s_own_addresses_are_refused_in_every_form(string address)
    {
        HashSet<IPAddress> own = [IPAddress.Parse("93.184.215.14"), IPAddress.Parse("2606:4700:4700::1111")];

        Assert.False(OutboundAddressPolicy.IsPublic(IPAddress.Parse(address), own), address);
        Assert.True(OutboundAddressPolicy.IsPublic(IPAddress.Parse("8.8.4.4"), own));
    }

    [Fact]
    public void The_host_s_addresses_are_those_of_its_interfaces_and_read_again_after_a_while()
    {
        var time = new FakeTimeProvider();
        var host = new HostAddresses(time);

        var first = host.Current;

        Assert.Contains(IPAddress.Loopback, first);
        Assert.Same(first, host.Current);
        time.Advance(HostAddresses.RefreshAfter);
        Assert.NotSame(first, host.Current);
        Assert.Equal(first, host.Current);
    }

    [Fact]
    public async Task A_name_is_refused_when_any_of_its_addresses_is()
    {
        var policy = new OutboundAddressPolicy(new HostAddresses(TimeProvider.System));

        await Assert.ThrowsAsync<OutboundAddressRefusedException>(() => policy.ResolveAsync(new("localhost", 80), allowPrivate: false, CancellationToken.None));
        await Assert.ThrowsAsync<OutboundAddressRefusedException>(() => policy.ResolveAsync(new("[64:ff9b::7f00:1]", 80), allowPrivate: false, CancellationToken.None));
        Assert.Equal([IPAddress.Parse("8.8.8.8")], await policy.ResolveAsync(new("8.8.8.8", 80), allowPrivate: false, CancellationToken.None));
        Assert.Contains(IPAddress.Loopback, await policy.ResolveAsync(new("localhost", 80), allowPrivate: true, CancellationToken.None));
    }

    [Fact]
    public async Task An_exempt_endpoint_is_allowed_on_its_own_port_only()
    {
        var policy = new OutboundAddressPolicy(new HostAddresses(TimeProvider.System), new HashSet<IPEndPoint> { new(IPAddress.Loopback, 8081) });

        Assert.Equal([IPAddress.Loopback], await policy.ResolveAsync(new("127.0.0.1", 8081), allowPrivate: false, CancellationToken.None));
        await Assert.ThrowsAsync<OutboundAddressRefusedException>(() => policy.ResolveAsync(new("127.0.0.1", 8082), allowPrivate: false, CancellationToken.None));
        await Assert.ThrowsAsync<OutboundAddressRefusedException>(() => policy.ResolveAsync(new("127.0.0.2", 8081), allowPrivate: false, CancellationToken.None));
    }

    [Theory]
    [InlineData("http://example.org/a")]
    [InlineData("https://example.org:8443/a?b=c")]
    public void Http_and_https_urls_are_acceptable(string url) =>
        Assert.True(OutboundAddressPolicy.IsAcceptableUrl(url, out _));

    [Theory]
    [InlineData("ftp://example.org/file")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://example.org/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("http://user:secret@example.org/")]
    [InlineData("/relative/path")]
    [InlineData("example.org")]
    public void Other_urls_are_not(string url) =>
        Assert.False(OutboundAddressPolicy.IsAcceptableUrl(url, out _));
}
