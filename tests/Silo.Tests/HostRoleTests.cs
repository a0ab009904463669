using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using Lector.Testing;

namespace Lector.Silo.Tests;

/// <summary>The roles without a database server: a silo-only host and a web front reaching it through a static gateway.</summary>
[SupportedOSPlatform("linux")]
public sealed class HostRoleTests
{
    [Fact]
    public async Task A_front_process_serves_the_api_through_the_gateway_of_a_silo_only_process()
    {
        using var data = new TempDirectory();
        var gatewayPort = FreePort.Next();
        await using var silo = new HostProcess(data.Path, new Dictionary<string, string>
        {
            ["App__Role"] = "silo",
            ["Orleans__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        });
        await silo.StartAsync();

        // Blobs are on the local disk here, so the front shares the silo's data directory.
        await using var front = new HostProcess(data.Path, new Dictionary<string, string>
        {
            ["App__Role"] = "front",
            ["Orleans__Gateways"] = $"127.0.0.1:{gatewayPort}",
        });
        await front.StartAsync();

        using var siloClient = new HttpClient { BaseAddress = silo.BaseAddress };
        Assert.Equal(HttpStatusCode.NotFound, (await siloClient.GetAsync("/api/voices")).StatusCode);

        using var client = new HttpClient { BaseAddress = front.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiSession.RegisterAndCreateTokenAsync(client));
        var documentId = await ApiSession.CreateDocumentAsync(client, "Spoken by a silo, served by a front.", expectedPages: 1);
        var audioId = await ApiSession.RequestAudioAsync(client, documentId, 1, "local:en-us");
        Assert.Equal("completed", (await ApiSession.WaitForAudioAsync(client, audioId)).GetProperty("status").GetString());
        Assert.NotEmpty(await client.GetByteArrayAsync($"/api/audio/{audioId}/content"));
    }

    [Fact]
    public async Task Two_web_fronts_count_one_users_uploads_against_one_shared_limit()
    {
        using var data = new TempDirectory();
        var gatewayPort = FreePort.Next();
        await using var silo = new HostProcess(data.Path, new Dictionary<string, string>
        {
            ["App__Role"] = "silo",
            ["Orleans__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        });
        await silo.StartAsync();
        var frontSettings = new Dictionary<string, string>
        {
            ["App__Role"] = "front",
            ["Orleans__Gateways"] = $"127.0.0.1:{gatewayPort}",
            ["RateLimits__Uploads__Limit"] = "3",
            ["RateLimits__Uploads__WindowSeconds"] = "600",
        };
        await using var first = new HostProcess(data.Path, frontSettings);
        await using var second = new HostProcess(data.Path, frontSettings);
        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        using var one = new HttpClient { BaseAddress = first.BaseAddress };
        one.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiSession.RegisterAndCreateTokenAsync(one));
        using var two = new HttpClient { BaseAddress = second.BaseAddress };
        two.DefaultRequestHeaders.Authorization = one.DefaultRequestHeaders.Authorization;

        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { one, two, one, two })
        {
            statuses.Add((await client.PostAsJsonAsync("/api/documents", new { title = "t", text = "Counted once, wherever it arrives." })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        var refused = await two.PostAsJsonAsync("/api/documents", new { title = "t", text = "Still too many." });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
    }
}
