using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lector.WebFront.Tests.Security;

/// <summary>
/// An open event stream ends as soon as what let it in ends: the session, the API token, or the share. The
/// stream's quiet wait is 15 s, so a deadline well below it shows the end was pushed, not found by a later read.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class EventStreamAccessTests(LectorAppFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task Signing_out_ends_the_sessions_open_stream()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var id = await user.CreateDocumentAsync("A document watched from a browser.");
        using var stream = await EventStream.OpenAsync(user.Browser, $"/api/documents/{id}/events");
        await stream.NextAsync(e => e.Type == "document");

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        logout.Headers.Add("X-CSRF-Token", user.CsrfToken);
        Assert.Equal(HttpStatusCode.NoContent, (await user.Browser.SendAsync(logout)).StatusCode);

        await stream.EndsWithinAsync(Deadline);
    }

    [Fact]
    public async Task Revoking_the_token_ends_its_open_stream()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var id = await user.CreateDocumentAsync("A document watched by a program.");
        using var stream = await EventStream.OpenAsync(user.Bearer, $"/api/documents/{id}/events");
        await stream.NextAsync(e => e.Type == "document");

        var token = Assert.Single((await user.Bearer.GetFromJsonAsync<JsonElement>("/api/tokens")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, (await user.Bearer.DeleteAsync($"/api/tokens/{token.GetProperty("id").GetString()}")).StatusCode);

        await stream.EndsWithinAsync(Deadline);
    }

    [Fact]
    public async Task Ending_the_share_ends_the_readers_stream_and_not_the_owners()
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var reader = await ApiUser.CreateAsync(fixture.App);
        var id = await owner.CreateDocumentAsync("A document shared for a while.");
        (await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/shares", new { email = reader.Email, permission = "view" })).EnsureSuccessStatusCode();
        using var readerStream = await EventStream.OpenAsync(reader.Bearer, $"/api/documents/{id}/events");
        using var ownerStream = await EventStream.OpenAsync(owner.Bearer, $"/api/documents/{id}/events");
        await readerStream.NextAsync(e => e.Type == "document");
        await ownerStream.NextAsync(e => e.Type == "document");

        Assert.Equal(HttpStatusCode.NoContent, (await owner.Bearer.DeleteAsync($"/api/documents/{id}/shares/{reader.Id}")).StatusCode);

        await readerStream.EndsWithinAsync(Deadline);
        (await owner.Bearer.PutAsJsonAsync($"/api/documents/{id}/pages/1", new { text = "Edited after the share ended." })).EnsureSuccessStatusCode();
        var edited = await ownerStream.NextAsync(e => e.Type == "document");
        Assert.Equal(id, edited.Data.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Deleting_the_document_ends_its_streams()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var id = await user.CreateDocumentAsync("A document about to go.");
        using var stream = await EventStream.OpenAsync(user.Bearer, $"/api/documents/{id}/events");
        await stream.NextAsync(e => e.Type == "document");

        Assert.Equal(HttpStatusCode.NoContent, (await user.Bearer.DeleteAsync($"/api/documents/{id}")).StatusCode);

        await stream.EndsWithinAsync(Deadline);
    }
}
