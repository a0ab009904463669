using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lector.WebFront.Tests.Endpoints;

[Collection(AppCollection.Name)]
public sealed class OperationsTests(LectorAppFixture fixture)
{
    [Fact]
    public async Task Health_endpoints_report_live_and_ready_with_each_check()
    {
        using var client = fixture.App.CreateClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetFromJsonAsync<JsonElement>("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("healthy", ready.GetProperty("status").GetString());
        foreach (var check in new[] { "cluster-storage", "blob-store", "speech-engines" })
        {
            Assert.Equal("healthy", ready.GetProperty("checks").GetProperty(check).GetString());
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        using var client = fixture.App.CreateClient();

        var openApi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = openApi.GetProperty("paths");
        string[] contract =
        [
            "/api/auth/register", "/api/auth/login", "/api/auth/logout", "/api/auth/me", "/api/auth/csrf",
            "/api/tokens", "/api/tokens/{id}", "/api/voices", "/api/voices/{id}/preview",
            "/api/documents", "/api/documents/{id}", "/api/documents/{id}/pages", "/api/documents/{id}/pages/{number}",
            "/api/documents/{id}/pages/{number}/audio", "/api/documents/{id}/audio", "/api/documents/{id}/events",
            "/api/audio/{audioId}", "/api/audio/{audioId}/content", "/api/audio/{audioId}/marks", "/api/audio/{audioId}/retry",
            "/api/documents/{id}/shares", "/api/documents/{id}/shares/{userId}", "/api/shared-with-me",
            "/api/notifications", "/api/admin/audit", "/api/admin/audit/export", "/api/admin/stats", "/api/admin/failures", "/api/admin/settings",
        ];
        foreach (var path in contract)
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing");
        }
    }

    [Fact]
    public async Task Anonymous_calls_and_unknown_routes_get_problem_responses()
    {
        using var client = fixture.App.CreateClient();

        await ProblemAssert.IsProblem(await client.GetAsync("/api/documents"), HttpStatusCode.Unauthorized, "auth.required");
        await ProblemAssert.IsProblem(await client.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound, "not_found");
    }
}
