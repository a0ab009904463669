using System.Net;
using System.Net.Http.Json;

namespace Lector.WebFront.Tests.Endpoints;

/// <summary>The shared host runs with the operator default: no private webhook targets.</summary>
[Collection(AppCollection.Name)]
public sealed class WebhookEndpointsTests(LectorAppFixture fixture)
{
    [Theory]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://192.168.0.10/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://[::127.0.0.1]/hook")]
    [InlineData("http://[::ffff:0:127.0.0.1]/hook")]
    [InlineData("http://[64:ff9b::7f00:1]/hook")]
    [InlineData("http://[2002:7f00:1::]/hook")]
    [InlineData("http://192.0.2.10/hook")]
    [InlineData("http://198.18.0.1/hook")]
    public async Task Loopback_private_link_local_and_other_special_use_targets_are_refused_in_every_IPv6_form(string url)
    {
        var user = await ApiUser.CreateAsync(fixture.App);

        var response = await user.Bearer.PutAsJsonAsync("/api/notifications/webhook", new { url });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "validation");
        Assert.Equal("webhook.url_not_allowed", problem.GetProperty("errors").GetProperty("url")[0].GetString());
        await ProblemAssert.IsProblem(await user.Bearer.GetAsync("/api/notifications/webhook"), HttpStatusCode.NotFound, "webhook.not_found");
    }

    [Theory]
    [InlineData("ftp://example.com/hook")]
    [InlineData("not a url")]
    [InlineData("https://user:pass@example.com/hook")]
    public async Task Urls_that_are_not_plain_http_are_refused(string url)
    {
        var user = await ApiUser.CreateAsync(fixture.App);

        var response = await user.Bearer.PutAsJsonAsync("/api/notifications/webhook", new { url });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "validation");
        Assert.Equal("webhook.invalid_url", problem.GetProperty("errors").GetProperty("url")[0].GetString());
    }
}
