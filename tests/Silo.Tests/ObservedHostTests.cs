using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lector.Testing;

namespace Lector.Silo.Tests;

/// <summary>
/// The host process as an operator runs it: JSON console logs, and the Prometheus scrape endpoint on a management
/// port of its own. One host for the class; each test reads what its own requests left behind.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class ObservedHostTests(ObservedHostTests.ObservedHost observed) : IClassFixture<ObservedHostTests.ObservedHost>
{
    private const string Voice = "local:en-us";

    [Fact]
    public async Task The_scrape_endpoint_reports_requests_ingestion_and_synthesis_by_name_with_values()
    {
        using var client = new HttpClient { BaseAddress = observed.Host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiSession.RegisterAndCreateTokenAsync(client));
        var documentId = await ApiSession.CreateDocumentAsync(client, "Measured on its way to speech. A second sentence follows.");
        var audio = await ApiSession.WaitForAudioAsync(client, await ApiSession.RequestAudioAsync(client, documentId, 1, Voice));
        Assert.Equal("completed", audio.GetProperty("status").GetString());

        var metrics = await WaitForMetricsAsync(m =>
            Sum(m, "lector_speech_requests_total", ("engine", "local"), ("outcome", "success")) >= 1
            && Sum(m, "http_server_request_duration_seconds_count", ("http_route", "/api/documents/{id}/pages/{number}/audio/"), ("http_response_status_code", "202")) >= 1);
        AtLeast(1, metrics, "lector_speech_duration_seconds_count", ("engine", "local"), ("outcome", "success"));
        AtLeast("Measured on its way to speech.".Length, metrics, "lector_speech_billed_characters_total", ("engine", "local"));
        AtLeast(1, metrics, "lector_ingestion_documents_total", ("format", "text"), ("outcome", "ready"));
        AtLeast(1, metrics, "lector_ingestion_pages_total", ("format", "text"));
        AtLeast(1, metrics, "http_server_request_duration_seconds_count", ("http_route", "/api/documents/"), ("http_request_method", "POST"));
        Assert.Equal(0, Sum(metrics, "lector_speech_queue_depth"));
        Assert.Equal(0, Sum(metrics, "lector_speech_active"));

        // Orleans' own meter: grain calls and activations.
        Assert.Contains(metrics, s => s.Name.StartsWith("orleans_", StringComparison.Ordinal) && s.Value > 0);
    }

    [Fact]
    public async Task Metrics_are_served_on_the_management_port_only_and_nothing_else_is()
    {
        using var client = new HttpClient();
        var management = observed.MetricsAddress;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(management, "/metrics"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(management, "/api/auth/me"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(management, "/health/ready"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(management, "/"))).StatusCode);

        // The public port never answers with metrics, whatever Host header a client claims.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, new Uri(observed.Host.BaseAddress, "/metrics"));
        spoofed.Headers.Host = $"127.0.0.1:{management.Port}";
        var answer = await client.SendAsync(spoofed);
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.DoesNotContain("lector_", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_console_receives_no_token_or_email_from_structured_state_or_scopes()
    {
        const string token = "lct_StructuredStateMustNotLeak0123";
        const string email = "ada.lovelace@example.org";
        using var client = new HttpClient { BaseAddress = observed.Host.BaseAddress };

        // The hosting log's structured state carries the query string, and its scope the path, as the client sent them.
        var marker = Guid.NewGuid().ToString("N");
        await client.GetAsync($"/api/documents/{marker}/{email}?access_token={token}&email={Uri.EscapeDataString(email)}");

        var lines = await WaitForLogLinesAsync(line => line.Contains(marker, StringComparison.Ordinal) && line.Contains("\"QueryString\"", StringComparison.Ordinal));
        foreach (var line in lines)
        {
            Assert.DoesNotContain(token, line, StringComparison.Ordinal);
            Assert.DoesNotContain("ada.lovelace", line, StringComparison.Ordinal);
        }

        // The values are there, masked, where a JSON sink puts them: in the state and in the scopes.
        var entry = JsonDocument.Parse(lines.First(l => l.Contains("\"QueryString\"", StringComparison.Ordinal))).RootElement;
        Assert.Contains("***", entry.GetProperty("State").GetProperty("QueryString").GetString(), StringComparison.Ordinal);
        Assert.Contains(entry.GetProperty("Scopes").EnumerateArray(), scope =>
            scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty("RequestPath", out var path)
            && path.GetString()!.Contains("***@example.org", StringComparison.Ordinal));
    }

    private async Task<List<string>> WaitForLogLinesAsync(Func<string, bool> wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var lines = observed.Host.Output.Split('\n').Where(l => l.StartsWith('{')).Where(wanted).ToList();
            if (lines.Count > 0)
            {
                return lines;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No such log line in:\n{observed.Host.Output}");
            await Task.Delay(100);
        }
    }

    private async Task<List<Sample>> WaitForMetricsAsync(Func<List<Sample>, bool> done)
    {
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var text = await client.GetStringAsync(new Uri(observed.MetricsAddress, "/metrics"));
            var samples = Parse(text);
            if (done(samples))
            {
                return samples;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The metrics never showed it:\n{text}");
            await Task.Delay(200);
        }
    }

    private static void AtLeast(double minimum, List<Sample> samples, string name, params (string Name, string Value)[] labels) =>
        Assert.True(Sum(samples, name, labels) >= minimum, $"{name} with {string.Join(", ", labels)} is below {minimum}; its series:\n"
            + string.Join("\n", samples.Where(s => s.Name == name).Select(s => $"{string.Join(",", s.Labels)} {s.Value}")));

    /// <summary>The sum over every series of <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    private static double Sum(List<Sample> samples, string name, params (string Name, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Sum(s => s.Value);

    /// <summary>Prometheus text exposition: <c>name{label="value",...} value [timestamp]</c> a line, comments skipped.</summary>
    private static List<Sample> Parse(string text) =>
        [.. text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => SampleLine().Match(l)).Where(m => m.Success).Select(m => new Sample(
            m.Groups["name"].Value,
            LabelPair().Matches(m.Groups["labels"].Value).ToDictionary(p => p.Groups["key"].Value, p => p.Groups["value"].Value),
            double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)))];

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>.*)\})? (?<value>\S+)")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();

    private sealed record Sample(string Name, Dictionary<string, string> Labels, double Value);

    /// <summary>The host with JSON console logs (scopes included, the hosting log's request lines on) and a metrics port.</summary>
    public sealed class ObservedHost : IAsyncLifetime
    {
        private readonly TempDirectory _data = new();

        public ObservedHost()
        {
            MetricsAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
            Host = new HostProcess(_data.Path, new Dictionary<string, string>
            {
                ["Telemetry__MetricsUrl"] = MetricsAddress.ToString().TrimEnd('/'),
                ["Logging__Console__FormatterName"] = "json",
                ["Logging__Console__FormatterOptions__IncludeScopes"] = "true",
                ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
            });
        }

        public HostProcess Host { get; }

        public Uri MetricsAddress { get; }

        public Task InitializeAsync() => Host.StartAsync();

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            _data.Dispose();
        }
    }
}
