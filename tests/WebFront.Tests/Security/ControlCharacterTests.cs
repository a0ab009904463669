using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lector.WebFront.Tests.Security;

/// <summary>NUL and the other control characters (but tab, CR and LF) are refused where text enters, before anything is stored.</summary>
[Collection(AppCollection.Name)]
public sealed class ControlCharacterTests(LectorAppFixture fixture)
{
    public static TheoryData<string> ControlCharacters => ["\0", "\u0001", "\u0007", "\u001b", "\u007f", "\u0085", "\u009f"];

    [Theory]
    [MemberData(nameof(ControlCharacters))]
    public async Task Pasted_text_and_titles_with_control_characters_are_refused_and_nothing_is_stored(string control)
    {
        var user = await ApiUser.CreateAsync(fixture.App);

        var inText = await user.Bearer.PostAsJsonAsync("/api/documents", new { title = "Fine", text = $"hello{control}world" });
        var inTitle = await user.Bearer.PostAsJsonAsync("/api/documents", new { title = $"Bad{control}title", text = "hello world" });
        using var form = new MultipartFormDataContent { { new StringContent($"Bad{control}title"), "title" }, { new ByteArrayContent("hello world"u8.ToArray()), "file", "a.txt" } };
        var inFormTitle = await user.Bearer.PostAsync("/api/documents", form);

        AssertRefused(await ProblemAssert.IsProblem(inText, HttpStatusCode.BadRequest, "validation"), "text");
        AssertRefused(await ProblemAssert.IsProblem(inTitle, HttpStatusCode.BadRequest, "validation"), "title");
        AssertRefused(await ProblemAssert.IsProblem(inFormTitle, HttpStatusCode.BadRequest, "validation"), "title");
        Assert.Equal(0, (await user.Bearer.GetFromJsonAsync<JsonElement>("/api/documents")).GetProperty("totalItems").GetInt32());
    }

    [Fact]
    public async Task Every_other_text_field_refuses_nul_and_keeps_what_it_had()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var id = await user.CreateDocumentAsync("The page as it was.");
        using var anonymous = fixture.App.CreateClient();

        var pageEdit = await user.Bearer.PutAsJsonAsync($"/api/documents/{id}/pages/1", new { text = "Edited\0page." });
        var register = await anonymous.PostAsJsonAsync("/api/auth/register", new { email = $"nul-{Guid.NewGuid():N}@example.test", password = ApiUser.Password, displayName = "Nul\0Name" });
        var token = await user.Bearer.PostAsJsonAsync("/api/tokens", new { name = "to\0ken" });
        var voice = await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/pages/1/audio", new { voice = "local:en-us\0" });
        var webhook = await user.Bearer.PutAsJsonAsync("/api/notifications/webhook", new { url = "https://example.com/\0hook" });

        AssertRefused(await ProblemAssert.IsProblem(pageEdit, HttpStatusCode.BadRequest, "validation"), "text");
        AssertRefused(await ProblemAssert.IsProblem(register, HttpStatusCode.BadRequest, "validation"), "displayName");
        AssertRefused(await ProblemAssert.IsProblem(token, HttpStatusCode.BadRequest, "validation"), "name");
        AssertRefused(await ProblemAssert.IsProblem(voice, HttpStatusCode.BadRequest, "validation"), "voice");
        AssertRefused(await ProblemAssert.IsProblem(webhook, HttpStatusCode.BadRequest, "validation"), "url");
        var page = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/pages/1");
        Assert.Equal("The page as it was.", page.GetProperty("text").GetString()!.Trim());
        Assert.Single((await user.Bearer.GetFromJsonAsync<JsonElement>("/api/tokens")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await user.Bearer.GetAsync("/api/notifications/webhook")).StatusCode);
    }

    [Fact]
    public async Task Tabs_and_line_breaks_are_text_and_a_document_may_carry_page_breaks()
    {
        var user = await ApiUser.CreateAsync(fixture.App);

        var response = await user.Bearer.PostAsJsonAsync("/api/documents", new { title = "Tabbed\ttitle", text = "Line one,\tindented.\r\nLine two.\nLine three." });
        var pasted = await user.CreateDocumentAsync("Copied from a PDF, page one.\fPage two.");
        var brokenTitle = await user.Bearer.PostAsJsonAsync("/api/documents", new { title = "Page\fbreak", text = "hello world" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("ready", (await user.WaitForDocumentAsync(pasted)).GetProperty("status").GetString());
        AssertRefused(await ProblemAssert.IsProblem(brokenTitle, HttpStatusCode.BadRequest, "validation"), "title");
    }

    private static void AssertRefused(JsonElement problem, string field)
    {
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains(messages, m => m!.Contains("control character", StringComparison.Ordinal));
    }
}
