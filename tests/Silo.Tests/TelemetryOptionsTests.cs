using Lector.Abstractions;
using Lector.Hosting;

namespace Lector.Silo.Tests;

public sealed class TelemetryOptionsTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("http://0.0.0.0:9464", 9464)]
    [InlineData("http://*:9464", 9464)]
    [InlineData("http://+:9465", 9465)]
    [InlineData("http://127.0.0.1:9464/", 9464)]
    public void The_management_port_comes_from_the_url_or_there_is_none(string? url, int? port) =>
        Assert.Equal(port, new TelemetryOptions { MetricsUrl = url }.MetricsPort("http://127.0.0.1:8080"));

    [Theory]
    [InlineData("https://0.0.0.0:9464")]
    [InlineData("http://0.0.0.0")]
    [InlineData("http://0.0.0.0:9464/metrics")]
    [InlineData("http://user:pw@0.0.0.0:9464")]
    [InlineData("9464")]
    public void A_url_that_cannot_serve_stops_the_start(string url) =>
        Assert.Contains("Telemetry:MetricsUrl must be", Assert.Throws<SettingException>(() => new TelemetryOptions { MetricsUrl = url }.MetricsPort("http://127.0.0.1:8080")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://127.0.0.1:9000;http://*:8080")]
    public void The_web_fronts_port_is_refused(string webFrontUrls) =>
        Assert.Contains("needs a port of its own", Assert.Throws<SettingException>(() => new TelemetryOptions { MetricsUrl = "http://0.0.0.0:8080" }.MetricsPort(webFrontUrls)).Message, StringComparison.Ordinal);
}
