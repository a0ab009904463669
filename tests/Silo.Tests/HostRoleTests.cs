using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using Lector.Testing;
using Xunit.Abstractions;

namespace Lector.Silo.Tests;

/// <summary>
/// The roles without a database server: a silo-only host and a web front (its own program, <c>Lector.Front</c>) reaching
/// it through a static gateway.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class HostRoleTests(ITestOutputHelper output)
{
    /// <summary>
    /// Assemblies only a silo needs: the grains, the document parsers, the grain state and reminder stores and their
    /// database drivers, and the AWS clients a front on the local blob store does not use. (The silo runtime, Orleans.Runtime,
    /// is not among them: the ADO.NET membership package a front needs for a PostgreSQL cluster depends on it.)
    /// </summary>
    private static readonly string[] SiloOnlyAssemblies =
    [
        "Lector.Grains.dll",
        "UglyToad.PdfPig.dll",
        "DocumentFormat.OpenXml.dll",
        "AngleSharp.dll",
        "Markdig.dll",
        "HtmlSanitizer.dll",
        "Microsoft.Data.Sqlite.dll",
        "Npgsql.dll",
        "Orleans.Persistence.AdoNet.dll",
        "Orleans.Reminders.AdoNet.dll",
        "AWSSDK.S3.dll",
        "AWSSDK.Core.dll",
    ];

    [Fact]
    public async Task A_front_process_serves_the_api_through_the_gateway_of_a_silo_only_process_and_loads_no_grains()
    {
        using var data = new TempDirectory();
        var gatewayPort = FreePort.Next();
        await using var silo = new HostProcess(data.Path, new Dictionary<string, string>
        {
            ["App__Role"] = "silo",
            ["Orleans__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        });
        await silo.StartAsync();

        // Blobs are on the local disk here, so the front shares the silo's data directory and reads the audio itself.
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
        Assert.Contains(documentId, await client.GetStringAsync("/api/documents"), StringComparison.Ordinal);
        var audioId = await ApiSession.RequestAudioAsync(client, documentId, 1, "local:en-us");
        Assert.Equal("completed", (await ApiSession.WaitForAudioAsync(client, audioId)).GetProperty("status").GetString());
        Assert.NotEmpty(await client.GetByteArrayAsync($"/api/audio/{audioId}/content"));

        // Having served all that, the front has loaded the front and the contracts, and nothing only a silo needs.
        var loaded = MappedAssemblies(front.ProcessId);
        output.WriteLine($"The front process has mapped: {string.Join(", ", loaded.Order(StringComparer.Ordinal))}");
        Assert.Contains("Lector.WebFront.dll", loaded);
        Assert.Contains("Lector.Abstractions.dll", loaded);
        var unwanted = SiloOnlyAssemblies.Where(loaded.Contains).ToList();
        Assert.True(unwanted.Count == 0, $"The front process loaded {string.Join(", ", unwanted)}.");
    }

    [Fact]
    public async Task Two_web_fronts_count_one_users_uploads_against_one_shared_limit()
    {
        await using var cluster = await TwoFronts.StartAsync(new Dictionary<string, string>
        {
            ["RateLimits__Uploads__Limit"] = "3",
            ["RateLimits__Uploads__WindowSeconds"] = "600",
        });
        var (first, second) = (cluster.First, cluster.Second);
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

    [Fact]
    public async Task A_token_revoked_or_a_session_ended_on_one_front_is_refused_by_the_other_at_once()
    {
        await using var cluster = await TwoFronts.StartAsync(new Dictionary<string, string>());
        using var one = new HttpClient { BaseAddress = cluster.First.BaseAddress };
        using var two = new HttpClient { BaseAddress = cluster.Second.BaseAddress };
        const string subscribed = "Subscribed to credential ends";
        await cluster.First.WaitForOutputAsync(subscribed);
        await cluster.Second.WaitForOutputAsync(subscribed);

        var token = await ApiSession.RegisterAndCreateTokenAsync(one);
        var email = $"session-{Guid.NewGuid():N}@example.test";
        (await one.PostAsJsonAsync("/api/auth/register", new { email, password = "a long enough password" })).EnsureSuccessStatusCode();
        var login = await one.PostAsJsonAsync("/api/auth/login", new { email, password = "a long enough password" });
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lector_session=", StringComparison.Ordinal)).Split(';')[0];
        var csrf = (await login.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("csrfToken").GetString()!;

        // Both fronts know both credentials (and keep them: they have subscribed).
        foreach (var client in new[] { one, two })
        {
            Assert.Equal(HttpStatusCode.OK, (await Me(client, bearer: token)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await Me(client, cookie: cookie)).StatusCode);
        }

        var tokens = await (await Send(one, HttpMethod.Get, "/api/tokens", bearer: token)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var revokedAt = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.NoContent, (await Send(one, HttpMethod.Delete, $"/api/tokens/{tokens[0].GetProperty("id").GetString()}", bearer: token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Me(two, bearer: token)).StatusCode);
        var tokenRefusedAfter = revokedAt.Elapsed;

        var signedOutAt = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.NoContent, (await Send(one, HttpMethod.Post, "/api/auth/logout", cookie: cookie, csrf: csrf)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Me(two, cookie: cookie)).StatusCode);
        var sessionRefusedAfter = signedOutAt.Elapsed;

        Assert.True(tokenRefusedAfter < TimeSpan.FromSeconds(1) && sessionRefusedAfter < TimeSpan.FromSeconds(1),
            $"refused by the other front {tokenRefusedAfter.TotalMilliseconds:F0} ms after the revocation began and {sessionRefusedAfter.TotalMilliseconds:F0} ms after the sign-out began");
    }

    /// <summary>The file names of the assemblies a process has mapped, as <c>/proc/{pid}/maps</c> lists them: seen from outside, no code in the app.</summary>
    private static HashSet<string> MappedAssemblies(int processId) =>
        File.ReadLines($"/proc/{processId}/maps")
            .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length == 6 && fields[5].EndsWith(".dll", StringComparison.Ordinal))
            .Select(fields => Path.GetFileName(fields[5]))
            .ToHashSet(StringComparer.Ordinal);

    private static Task<HttpResponseMessage> Me(HttpClient client, string? bearer = null, string? cookie = null) =>
        Send(client, HttpMethod.Get, "/api/auth/me", bearer, cookie);

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string? bearer = null, string? cookie = null, string? csrf = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-Token", csrf);
        }

        return client.SendAsync(request);
    }

    /// <summary>A silo-only process and two web-front processes reaching it through its gateway, sharing one data directory.</summary>
    private sealed class TwoFronts : IAsyncDisposable
    {
        private readonly TempDirectory _data = new();
        private readonly HostProcess _silo;

        private TwoFronts(IReadOnlyDictionary<string, string> frontSettings)
        {
            var gatewayPort = FreePort.Next();
            _silo = new HostProcess(_data.Path, new Dictionary<string, string>
            {
                ["App__Role"] = "silo",
                ["Orleans__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            });
            var settings = new Dictionary<string, string>(frontSettings)
            {
                ["App__Role"] = "front",
                ["Orleans__Gateways"] = $"127.0.0.1:{gatewayPort}",
            };
            First = new HostProcess(_data.Path, settings);
            Second = new HostProcess(_data.Path, settings);
        }

        public HostProcess First { get; }

        public HostProcess Second { get; }

        public static async Task<TwoFronts> StartAsync(IReadOnlyDictionary<string, string> frontSettings)
        {
            var cluster = new TwoFronts(frontSettings);
            try
            {
                await cluster._silo.StartAsync();
                await Task.WhenAll(cluster.First.StartAsync(), cluster.Second.StartAsync());
                return cluster;
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await First.DisposeAsync();
            await Second.DisposeAsync();
            await _silo.DisposeAsync();
            _data.Dispose();
        }
    }
}
