using System.Net;
using System.Net.Http.Json;
using Lector.Grains.Limits;
using Lector.Testing;

namespace Lector.WebFront.Tests.Security;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Uploads_past_the_limit_get_429_with_Retry_After_and_other_users_are_unaffected()
    {
        await using var app = await LectorApp.StartAsync("--RateLimits:Uploads:Limit=3", "--RateLimits:Uploads:WindowSeconds=600");
        var busy = await ApiUser.CreateAsync(app);
        var other = await ApiUser.CreateAsync(app);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await busy.Bearer.PostAsJsonAsync("/api/documents", new { title = "t", text = $"Text {i}." }));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        await ProblemAssert.IsProblem(answers[3], HttpStatusCode.TooManyRequests, "rate_limited");
        var retryAfter = answers[3].Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 600);
        Assert.Equal(HttpStatusCode.Accepted, (await other.Bearer.PostAsJsonAsync("/api/documents", new { title = "t", text = "Mine." })).StatusCode);
    }

    [Fact]
    public async Task A_concurrent_burst_gets_exactly_the_limit_and_the_rest_429()
    {
        const int limit = 25;
        await using var app = await LectorApp.StartAsync($"--RateLimits:Audio:Limit={limit}", "--RateLimits:Audio:WindowSeconds=600");
        var user = await ApiUser.CreateAsync(app);
        var documentId = await user.CreateDocumentAsync("One page to ask for many times.");
        const string voice = "local:en-us";

        // The front asks the counter for the permits of all the requests it holds at once: the count stays exact.
        var answers = await Task.WhenAll(Enumerable.Range(0, 120).Select(_ =>
            user.Bearer.PostAsJsonAsync($"/api/documents/{documentId}/pages/1/audio", new { voice })));

        Assert.Equal(limit, answers.Count(a => a.IsSuccessStatusCode));
        Assert.Equal(120 - limit, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.All(answers.Where(a => !a.IsSuccessStatusCode), a => Assert.InRange(a.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 600));
    }

    [Fact]
    public async Task Repeated_wrong_passwords_for_one_account_are_slowed_down()
    {
        await using var app = await LectorApp.StartAsync();
        var user = await ApiUser.CreateAsync(app);
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = "wrong password" })).StatusCode);
        }

        Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[6]);

        // The right password is refused too while the delay runs: guessing cannot race it.
        var right = await client.PostAsJsonAsync("/api/auth/login", new { email = user.Email, password = ApiUser.Password });
        await ProblemAssert.IsProblem(right, HttpStatusCode.TooManyRequests, "rate_limited");
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_one_client_s_failures_lock_out_neither_other_clients_nor_the_account_s_owner()
    {
        await using var app = await LectorApp.StartAsync("--ForwardedHeaders:KnownProxies=127.0.0.1");
        var victim = await ApiUser.CreateAsync(app);
        var bystander = await ApiUser.CreateAsync(app);
        using var client = app.CreateClient();
        const string attacker = "203.0.113.9";

        // The attacker guesses the victim's password, then others', until its own address is slowed down.
        var guesses = new List<HttpStatusCode>();
        foreach (var email in new[] { victim.Email, bystander.Email }.Concat(Enumerable.Range(0, 3).Select(i => $"guess-{i}@example.test")))
        {
            for (var i = 0; i < LoginThrottleGrain.FreeAccountAtClientFailures; i++)
            {
                guesses.Add((await LoginAsync(client, attacker, email, "wrong password")).StatusCode);
            }
        }

        Assert.Equal(LoginThrottleGrain.FreeClientFailures, guesses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.TooManyRequests, guesses[^1]);
        await ProblemAssert.IsProblem(await LoginAsync(client, attacker, "someone-else@example.test", "wrong password"), HttpStatusCode.TooManyRequests, "rate_limited");

        // Everyone else, the victim included, signs in from their own address at once.
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, "198.51.100.20", bystander.Email, ApiUser.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, "2001:db8:5::7", victim.Email, ApiUser.Password)).StatusCode);
    }

    [Fact]
    public async Task Registrations_past_the_limit_of_one_client_get_429_and_other_clients_are_unaffected()
    {
        await using var app = await LectorApp.StartAsync("--ForwardedHeaders:KnownProxies=127.0.0.1", "--RateLimits:Registrations:Limit=3", "--RateLimits:Registrations:WindowSeconds=3600");
        using var client = app.CreateClient();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await RegisterAsync(client, "203.0.113.9"));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        await ProblemAssert.IsProblem(answers[3], HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.InRange(answers[3].Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 3600);
        Assert.Equal(HttpStatusCode.Accepted, (await RegisterAsync(client, "198.51.100.20")).StatusCode);
    }

    [Fact]
    public async Task Reads_of_podcast_feeds_past_the_limit_of_one_client_get_429_so_secrets_cannot_be_guessed_quickly()
    {
        await using var app = await LectorApp.StartAsync("--ForwardedHeaders:KnownProxies=127.0.0.1", "--RateLimits:Feeds:Limit=3", "--RateLimits:Feeds:WindowSeconds=600");
        using var client = app.CreateClient();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await GuessFeedAsync(client, "203.0.113.9", i % 2 == 0 ? "feed.rss" : "episodes/1-abc.mp3"));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.NotFound, a.StatusCode));
        await ProblemAssert.IsProblem(answers[3], HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.InRange(answers[3].Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 600);
        Assert.Equal(HttpStatusCode.NotFound, (await GuessFeedAsync(client, "198.51.100.20", "feed.rss")).StatusCode);
    }

    private static async Task<HttpResponseMessage> GuessFeedAsync(HttpClient client, string forwardedFor, string resource)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/podcasts/{Guid.NewGuid():N}/lcf_{Guid.NewGuid():N}/{resource}");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/register")
        {
            Content = JsonContent.Create(new { email = $"probe-{Guid.NewGuid():N}@example.test", password = ApiUser.Password }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string forwardedFor, string email, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }
}
