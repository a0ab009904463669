using System.Net;
using System.Net.Http.Json;
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
}
