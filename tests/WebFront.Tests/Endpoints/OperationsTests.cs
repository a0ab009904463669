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
    public async Task Anonymous_calls_and_unknown_routes_get_problem_responses()
    {
        using var client = fixture.App.CreateClient();

        await ProblemAssert.IsProblem(await client.GetAsync("/api/documents"), HttpStatusCode.Unauthorized, "auth.required");
        await ProblemAssert.IsProblem(await client.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound, "not_found");
    }
}
