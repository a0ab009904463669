using Lector.Silo;
using Lector.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lector.WebFront.Tests.Security;

[Collection(AppCollection.Name)]
public sealed class TrustedProxyTests(LectorAppFixture fixture)
{
    [Fact]
    public void Without_configuration_no_proxy_is_trusted_not_even_loopback()
    {
        var forwarded = fixture.App.App.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Empty(forwarded.KnownProxies);
        Assert.Empty(forwarded.KnownIPNetworks);
    }

    [Theory]
    [InlineData("--ForwardedHeaders:KnownProxies=10.0.0.5,proxy.internal")]
    [InlineData("--ForwardedHeaders:KnownNetworks=10.0.0.0/33")]
    public void A_proxy_list_that_does_not_parse_stops_the_start(string setting)
    {
        using var data = new TempDirectory();
        var refused = Assert.Throws<OptionsValidationException>(() => LectorHost.Build(["--urls=http://127.0.0.1:0", $"--App:DataDirectory={data.Path}", setting]));

        Assert.Contains("ForwardedHeaders:KnownProxies", refused.Message, StringComparison.Ordinal);
    }
}
