using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lector.WebFront.Tests.Security;

namespace Lector.WebFront.Tests.Endpoints;

/// <summary>
/// Public read-along links: made, listed and revoked by those who may share a document; read by anyone holding the
/// link, without credentials, and only that document; 404 once revoked, expired, or the document or its maker's
/// right to share is gone.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PublicLinkEndpointsTests(LectorAppFixture fixture)
{
    private const string Voice = "local:en-us";

    [Fact]
    public async Task Anyone_with_the_link_reads_listens_and_follows_the_marks_until_it_is_revoked()
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var id = await owner.CreateDocumentAsync("A page anyone with the link may hear.", "Open letter");
        var created = await CreateAsync(owner, id, new { voice = Voice, expiresAt = DateTimeOffset.UtcNow.AddDays(3) });
        var url = new Uri(created.GetProperty("url").GetString()!);
        var secret = url.AbsolutePath.Split('/')[^1];
        Assert.Equal($"/listen/{secret}", url.AbsolutePath);
        Assert.StartsWith("lnk_", secret, StringComparison.Ordinal);
        using var anonymous = fixture.App.CreateClient();
        var api = $"/api/public/{secret}";

        var page = await anonymous.GetAsync(url.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/js/listen.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("no-store", page.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        SecurityHeadersTests.AssertHardened(page);
        var document = await anonymous.GetFromJsonAsync<JsonElement>(api);
        Assert.Equal("Open letter", document.GetProperty("title").GetString());
        Assert.Equal(1, document.GetProperty("pageCount").GetInt32());
        Assert.Equal(Voice, document.GetProperty("voice").GetString());
        // Nothing that names the document, its owner or anything else.
        Assert.DoesNotContain(id, document.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(owner.Id, document.GetRawText(), StringComparison.Ordinal);
        var text = await anonymous.GetFromJsonAsync<JsonElement>($"{api}/pages/1");
        Assert.Contains("anyone with the link", text.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(text.GetProperty("html").GetString()));

        var audio = await WaitForAudioAsync(anonymous, $"{api}/pages/1/audio");
        Assert.Equal("completed", audio.GetProperty("status").GetString());
        Assert.DoesNotContain(id, audio.GetRawText(), StringComparison.Ordinal);
        var content = await anonymous.GetAsync($"{api}/pages/1/audio/content");
        Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        Assert.Equal("audio/mpeg", content.Content.Headers.ContentType?.MediaType);
        await RangeAssert.ServesFirstHundredBytes(anonymous, $"{api}/pages/1/audio/content", await content.Content.ReadAsByteArrayAsync());
        var marks = await anonymous.GetFromJsonAsync<JsonElement>($"{api}/pages/1/audio/marks");
        Assert.Contains(marks.EnumerateArray(), m => m.GetProperty("type").GetString() == "word");
        // The link's audio is the page's audio in that voice, made through the usual path: its owner sees it too.
        var ownersView = await owner.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/pages/1/audio");
        Assert.Contains(ownersView.GetProperty("items").EnumerateArray(), a => a.GetProperty("voice").GetString() == Voice);
        await ProblemAssert.IsProblem(await anonymous.GetAsync($"{api}/pages/2"), HttpStatusCode.NotFound, "page.not_found");
        await ProblemAssert.IsProblem(await anonymous.GetAsync($"{api}/pages/2/audio"), HttpStatusCode.NotFound, "page.not_found");
        await ProblemAssert.IsProblem(await anonymous.GetAsync($"{api}/pages/x"), HttpStatusCode.BadRequest, "validation");

        var revoked = await owner.Bearer.DeleteAsync($"/api/documents/{id}/links/{created.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await AssertGoneAsync(anonymous, secret);
        // The owner's own cookie opens nothing the link no longer does.
        await AssertGoneAsync(owner.Browser, secret);
        Assert.Empty((await owner.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/links")).EnumerateArray());
    }

    [Fact]
    public async Task Links_are_listed_without_their_secret_and_a_signed_in_visitor_sees_only_what_anyone_does()
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var id = await owner.CreateDocumentAsync("The only page of a listed link.", "Listed");
        var created = await CreateAsync(owner, id, new { voice = Voice });
        var secret = Secret(created);

        var listed = await owner.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/links");

        var link = Assert.Single(listed.EnumerateArray());
        Assert.Equal(created.GetProperty("id").GetString(), link.GetProperty("id").GetString());
        Assert.Equal(Voice, link.GetProperty("voice").GetString());
        Assert.Equal(owner.Id, link.GetProperty("createdBy").GetString());
        Assert.DoesNotContain(secret, listed.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret[4..], listed.GetRawText(), StringComparison.Ordinal);
        // Defaulted: a week from now.
        var expiresAt = created.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expiresAt, DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(5));

        using var anonymous = fixture.App.CreateClient();
        var asAnyone = await anonymous.GetStringAsync($"/api/public/{secret}");
        var asOwner = await owner.Browser.GetStringAsync($"/api/public/{secret}");
        Assert.Equal(asAnyone, asOwner);
        // The link's context reaches no document API: without credentials it is refused.
        await ProblemAssert.IsProblem(await anonymous.GetAsync($"/api/documents/{id}"), HttpStatusCode.Unauthorized, "auth.required");
        await ProblemAssert.IsProblem(await anonymous.GetAsync("/api/public/lnk_not-a-link-at-all-0123456789"), HttpStatusCode.NotFound, "link.not_found");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/listen/lnk_not-a-link-at-all-0123456789")).StatusCode);
        await ProblemAssert.IsProblem(await anonymous.GetAsync($"/api/public/{secret[..^1]}"), HttpStatusCode.NotFound, "link.not_found");
    }

    [Theory]
    [InlineData("{}", "voice", null)]
    [InlineData("""{"voice":"local:en-us","expiresAt":"soon"}""", "expiresAt", null)]
    [InlineData("""{"voice":"local:en-us","expiresAt":"2001-01-01T00:00:00Z"}""", "expiresAt", "link.expiry_not_future")]
    [InlineData("""{"voice":"local:en-us","expiresAt":"2999-01-01T00:00:00Z"}""", "expiresAt", "link.expiry_too_far")]
    [InlineData("""{"voice":"local:xx-nowhere"}""", "voice", "voice.not_found")]
    public async Task Bad_requests_are_refused_field_by_field_and_store_nothing(string body, string field, string? code)
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var id = await owner.CreateDocumentAsync("A page nobody links to.");

        var response = await owner.Bearer.PostAsync($"/api/documents/{id}/links", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "validation");
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()).ToList();
        if (code is not null)
        {
            Assert.Contains(code, messages);
        }

        Assert.Empty((await owner.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/links")).EnumerateArray());
    }

    [Fact]
    public async Task Share_permission_makes_lists_and_revokes_links_and_a_sharer_s_links_end_with_its_share()
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var id = await owner.CreateDocumentAsync("A page some may pass on.");
        var sharer = await ShareAsync(owner, id, "share");
        var collaborator = await ShareAsync(owner, id, "collaborate");
        var stranger = await ApiUser.CreateAsync(fixture.App);
        using var anonymous = fixture.App.CreateClient();
        var ownersLink = await CreateAsync(owner, id, new { voice = Voice });

        foreach (var refused in new[] { collaborator.Bearer, stranger.Bearer })
        {
            await ProblemAssert.IsProblem(await refused.PostAsJsonAsync($"/api/documents/{id}/links", new { voice = Voice }), HttpStatusCode.NotFound, "document.not_found");
            await ProblemAssert.IsProblem(await refused.GetAsync($"/api/documents/{id}/links"), HttpStatusCode.NotFound, "document.not_found");
            await ProblemAssert.IsProblem(await refused.DeleteAsync($"/api/documents/{id}/links/{ownersLink.GetProperty("id").GetString()}"), HttpStatusCode.NotFound, "document.not_found");
        }

        await ProblemAssert.IsProblem(await anonymous.PostAsJsonAsync($"/api/documents/{id}/links", new { voice = Voice }), HttpStatusCode.Unauthorized, "auth.required");
        var sharersLink = await CreateAsync(sharer, id, new { voice = Voice });
        Assert.Equal(2, (await sharer.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/links")).GetArrayLength());
        var notTheirs = await sharer.Bearer.DeleteAsync($"/api/documents/{id}/links/{ownersLink.GetProperty("id").GetString()}");
        var refusal = await ProblemAssert.IsProblem(notTheirs, HttpStatusCode.BadRequest, "validation");
        Assert.Equal("link.created_by_other", refusal.GetProperty("errors").GetProperty("linkId")[0].GetString());
        await ProblemAssert.IsProblem(await owner.Bearer.DeleteAsync($"/api/documents/{id}/links/{Guid.NewGuid():N}"), HttpStatusCode.NotFound, "link.not_found");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/public/{Secret(sharersLink)}")).StatusCode);

        // The sharer may share no more: the links it made stop working; the owner's go on.
        (await owner.Bearer.PatchAsJsonAsync($"/api/documents/{id}/shares/{sharer.Id}", new { permission = "view" })).EnsureSuccessStatusCode();

        await AssertGoneAsync(anonymous, Secret(sharersLink));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/public/{Secret(ownersLink)}")).StatusCode);
    }

    [Fact]
    public async Task A_link_answers_404_from_the_moment_it_expires_and_when_its_document_is_deleted()
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var id = await owner.CreateDocumentAsync("A page for a short while.");
        var shortLived = Secret(await CreateAsync(owner, id, new { voice = Voice, expiresAt = DateTimeOffset.UtcNow.AddSeconds(2) }));
        var lasting = Secret(await CreateAsync(owner, id, new { voice = Voice }));
        using var anonymous = fixture.App.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/public/{shortLived}")).StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await anonymous.GetAsync($"/api/public/{shortLived}")).StatusCode != HttpStatusCode.NotFound)
        {
            Assert.True(DateTime.UtcNow < deadline, "The link still worked 30 s after it expired.");
            await Task.Delay(200);
        }

        await AssertGoneAsync(anonymous, shortLived);
        Assert.Single((await owner.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/links")).EnumerateArray());

        (await owner.Bearer.DeleteAsync($"/api/documents/{id}")).EnsureSuccessStatusCode();

        await AssertGoneAsync(anonymous, lasting);
    }

    internal static async Task<JsonElement> CreateAsync(ApiUser user, string documentId, object body)
    {
        var response = await user.Bearer.PostAsJsonAsync($"/api/documents/{documentId}/links", body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    internal static string Secret(JsonElement created) => new Uri(created.GetProperty("url").GetString()!).AbsolutePath.Split('/')[^1];

    private static async Task AssertGoneAsync(HttpClient client, string secret)
    {
        // The listening page answers 404 too, as the page that tells a visitor the link no longer works.
        var page = await client.GetAsync($"/listen/{secret}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        SecurityHeadersTests.AssertHardened(page);
        foreach (var path in new[] { $"/api/public/{secret}", $"/api/public/{secret}/pages/1", $"/api/public/{secret}/pages/1/audio", $"/api/public/{secret}/pages/1/audio/content", $"/api/public/{secret}/pages/1/audio/marks" })
        {
            await ProblemAssert.IsProblem(await client.GetAsync(path), HttpStatusCode.NotFound, "link.not_found");
        }
    }

    private static async Task<JsonElement> WaitForAudioAsync(HttpClient client, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var audio = await client.GetFromJsonAsync<JsonElement>(path);
            if (audio.GetProperty("status").GetString() is "completed" or "failed")
            {
                return audio;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The audio did not finish: {audio.GetRawText()}");
            await Task.Delay(100);
        }
    }

    private async Task<ApiUser> ShareAsync(ApiUser owner, string id, string permission)
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        (await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/shares", new { email = user.Email, permission })).EnsureSuccessStatusCode();
        return user;
    }
}
