using System.Net.Http.Json;
using System.Text.Json;
using Lector.Testing;
using Microsoft.Extensions.Options;

namespace Lector.WebFront.Tests.Security;

[Collection(AppCollection.Name)]
public sealed class OpenApiServersTests(LectorAppFixture fixture)
{
    [Fact]
    public async Task Without_a_configured_public_address_the_document_names_only_the_relative_server_and_never_the_Host_header()
    {
        using var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "attacker.example";

        var response = await client.SendAsync(request);

        Assert.DoesNotContain("attacker.example", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var document = await response.Content.ReadFromJsonAsync<JsonElement>();
        // "/" is what an absent list means: the address the document was read from.
        Assert.Equal(["/"], document.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("ftp://lector.example")]
    [InlineData("https://lector.example/?q=1")]
    [InlineData("https://user:secret@lector.example")]
    public async Task A_public_address_that_is_not_an_http_url_stops_the_start(string configured)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = await LectorApp.StartAsync($"--WebFront:PublicBaseUrl={configured}");
        });

        Assert.Contains("PublicBaseUrl", failure.Message, StringComparison.Ordinal);
    }
}
