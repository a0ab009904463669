using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Lector.Testing;

namespace Lector.WebFront.Tests.Endpoints;

[Collection(AppCollection.Name)]
public sealed class DocumentEndpointsTests(LectorAppFixture fixture)
{
    [Fact]
    public async Task Pasted_text_is_split_into_pages_at_paragraph_boundaries()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var paragraphs = Enumerable.Range(1, 3).Select(Paragraph).ToList();

        var id = await user.CreateDocumentAsync(string.Join("\n\n", paragraphs));

        var document = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}");
        Assert.Equal("ready", document.GetProperty("status").GetString());
        Assert.Equal("text", document.GetProperty("sourceType").GetString());
        Assert.Equal("owner", document.GetProperty("permission").GetString());
        var pages = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/pages");
        Assert.Equal(3, pages.GetProperty("totalItems").GetInt32());
        var page2 = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/pages/2");
        Assert.Equal(paragraphs[1], page2.GetProperty("text").GetString());
        Assert.StartsWith("<p>", page2.GetProperty("html").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_library_lists_only_the_callers_documents_newest_first_with_paging()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var other = await ApiUser.CreateAsync(fixture.App);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await user.CreateDocumentAsync($"Document number {i}.", $"Doc {i}"));
        }

        await other.CreateDocumentAsync("Someone else's words.");

        var first = await user.Bearer.GetFromJsonAsync<JsonElement>("/api/documents?page=1&pageSize=2");
        var second = await user.Bearer.GetFromJsonAsync<JsonElement>("/api/documents?page=2&pageSize=2");
        Assert.Equal(3, first.GetProperty("totalItems").GetInt32());
        Assert.Equal(2, first.GetProperty("totalPages").GetInt32());
        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(d => d.GetProperty("id").GetString()).ToList();
        Assert.Equal(Enumerable.Reverse(ids), listed);
    }

    [Fact]
    public async Task The_library_listing_shows_every_change_at_once_though_the_front_keeps_the_pages_it_answered()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var other = await ApiUser.CreateAsync(fixture.App);
        async Task<List<string>> TitlesAsync(HttpClient client, string query = "") =>
            [.. (await client.GetFromJsonAsync<JsonElement>($"/api/documents{query}")).GetProperty("items").EnumerateArray().Select(d => d.GetProperty("title").GetString()!)];

        var first = await user.CreateDocumentAsync("The first document's words.", "First");
        await other.CreateDocumentAsync("Someone else's words.", "Theirs");
        Assert.Equal(["First"], await TitlesAsync(user.Bearer));
        Assert.Equal(["First"], await TitlesAsync(user.Bearer));
        Assert.Equal(["Theirs"], await TitlesAsync(other.Bearer));

        var second = await user.CreateDocumentAsync("The second document's words.", "Second");
        Assert.Equal(["Second", "First"], await TitlesAsync(user.Bearer));
        Assert.Equal(HttpStatusCode.OK, (await user.Bearer.PatchAsJsonAsync($"/api/documents/{first}", new { title = "First, renamed" })).StatusCode);
        Assert.Equal(["Second", "First, renamed"], await TitlesAsync(user.Browser));
        Assert.Equal(HttpStatusCode.NoContent, (await user.Bearer.PutAsJsonAsync($"/api/documents/{first}/position", new { page = 1, offsetMs = 10, voice = "local:en-us" })).StatusCode);
        Assert.Equal(["First, renamed", "Second"], await TitlesAsync(user.Bearer));
        Assert.Equal(["Second", "First, renamed"], await TitlesAsync(user.Bearer, "?sort=added"));
        Assert.Equal(["Second"], await TitlesAsync(user.Bearer, "?q=second"));
        Assert.Equal(HttpStatusCode.NoContent, (await user.Bearer.DeleteAsync($"/api/documents/{second}")).StatusCode);
        Assert.Equal(["First, renamed"], await TitlesAsync(user.Bearer));
        Assert.Empty(await TitlesAsync(user.Bearer, "?q=second"));
        Assert.Equal(["Theirs"], await TitlesAsync(other.Bearer));

        var answer = await user.Bearer.GetAsync("/api/documents");
        Assert.Equal("application/json; charset=utf-8", answer.Content.Headers.ContentType?.ToString());
    }

    [Theory]
    [InlineData("/api/documents?page=0")]
    [InlineData("/api/documents?pageSize=101")]
    [InlineData("/api/documents?pageSize=abc")]
    [InlineData("/api/documents?page=99999999999")]
    public async Task Bad_paging_parameters_are_validation_errors(string url)
    {
        var user = await ApiUser.CreateAsync(fixture.App);

        await ProblemAssert.IsProblem(await user.Bearer.GetAsync(url), HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Other_peoples_and_unknown_documents_are_not_found()
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var stranger = await ApiUser.CreateAsync(fixture.App);
        var id = await owner.CreateDocumentAsync("Private text.");

        await ProblemAssert.IsProblem(await stranger.Bearer.GetAsync($"/api/documents/{id}"), HttpStatusCode.NotFound, "document.not_found");
        await ProblemAssert.IsProblem(await stranger.Bearer.GetAsync($"/api/documents/{id}/pages/1"), HttpStatusCode.NotFound, "document.not_found");
        await ProblemAssert.IsProblem(await stranger.Bearer.DeleteAsync($"/api/documents/{id}"), HttpStatusCode.NotFound, "document.not_found");
        await ProblemAssert.IsProblem(await owner.Bearer.GetAsync("/api/documents/not-an-id"), HttpStatusCode.NotFound, "document.not_found");
        await ProblemAssert.IsProblem(await owner.Bearer.GetAsync($"/api/documents/{id}/pages/9"), HttpStatusCode.NotFound, "page.not_found");
        await ProblemAssert.IsProblem(await owner.Bearer.GetAsync($"/api/documents/{id}/pages/x"), HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task A_text_file_upload_becomes_a_document()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes("Uploaded words.\n\nA second paragraph.")), "file", "../../notes.txt" },
        };

        var response = await user.Bearer.PostAsync("/api/documents", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var document = await user.WaitForDocumentAsync(id);
        Assert.Equal("ready", document.GetProperty("status").GetString());
        Assert.Equal("txt", document.GetProperty("sourceType").GetString());
    }

    [Fact]
    public async Task A_pdf_keeps_its_pages_with_their_printed_labels_and_lists_its_chapters()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var stranger = await ApiUser.CreateAsync(fixture.App);
        var pdf = new TestPdf()
            .Lines(120, "Preface words, on a page numbered in roman.")
            .Lines(120, "The first chapter starts here.")
            .Lines(120, "It goes on over a second page.")
            .Labels(1, "r")
            .Labels(2, "D")
            .Bookmark("Preface", 1)
            .Bookmark("Chapter One", 2)
            .ToBytes();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(pdf), "file", "book.pdf" } };

        var id = (await (await user.Bearer.PostAsync("/api/documents", form)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await user.WaitForDocumentAsync(id);

        var page = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/pages/3");
        Assert.Equal(("2", "It goes on over a second page."), (page.GetProperty("label").GetString(), page.GetProperty("text").GetString()));
        var listing = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/pages");
        Assert.Equal(["i", "1", "2"], listing.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("label").GetString()));
        var chapters = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/chapters");
        Assert.Equal(
            [(1, "Preface", 1, 1), (2, "Chapter One", 2, 3)],
            chapters.EnumerateArray().Select(c => (c.GetProperty("number").GetInt32(), c.GetProperty("title").GetString(), c.GetProperty("firstPage").GetInt32(), c.GetProperty("lastPage").GetInt32())));
        await ProblemAssert.IsProblem(await stranger.Bearer.GetAsync($"/api/documents/{id}/chapters"), HttpStatusCode.NotFound, "document.not_found");
    }

    [Fact]
    public async Task Pasted_text_has_no_page_labels_and_no_chapters()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var id = await user.CreateDocumentAsync("Plain words.");

        var page = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/pages/1");
        Assert.False(page.TryGetProperty("label", out _));
        Assert.Equal(0, (await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/chapters")).GetArrayLength());
    }

    [Fact]
    public async Task A_page_shows_exactly_what_is_spoken_normalized_in_the_detected_language_and_an_edit_re_derives_it()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var english = await user.CreateDocumentAsync("Contents\n\nDr. Smith paid $5 for the book, and then he read all of it to the class in one afternoon.");
        var spanish = await user.CreateDocumentAsync("El libro cuesta 3,50 € y la editorial lo vende en todas las librerías de la ciudad desde el lunes.");

        var document = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{english}");
        var page = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{english}/pages/1");
        Assert.Equal("en", document.GetProperty("language").GetString());
        Assert.Equal("Contents. Doctor Smith paid 5 dollars for the book, and then he read all of it to the class in one afternoon.", Words(page.GetProperty("speech").GetString()!));
        Assert.Equal("Contents Dr. Smith paid $5", Words(page.GetProperty("text").GetString()!)[..26]);

        Assert.Equal("es", (await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{spanish}")).GetProperty("language").GetString());
        var spanishSpeech = (await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{spanish}/pages/1")).GetProperty("speech").GetString()!;
        Assert.Contains("euros", spanishSpeech, StringComparison.Ordinal);
        Assert.DoesNotContain("€", spanishSpeech, StringComparison.Ordinal);

        var edited = await user.Bearer.PutAsJsonAsync($"/api/documents/{english}/pages/1", new { text = "Mr. Jones arrived at 10:05." });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var speech = (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("speech").GetString()!;
        Assert.StartsWith("Mister Jones arrived at ", speech, StringComparison.Ordinal);
        Assert.DoesNotContain(":", speech, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owner_renames_a_document_and_sets_its_language_which_respeaks_its_pages_and_makes_its_audio_stale()
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var id = await owner.CreateDocumentAsync("Dr. Smith paid $5 for each of the new books in the reading room, and read every one of them aloud.");
        var audio = await (await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/pages/1/audio", new { voice = "local:en-us" })).Content.ReadFromJsonAsync<JsonElement>();
        var audioId = audio.GetProperty("id").GetString()!;
        await owner.WaitForAudioAsync(audioId);
        Assert.Contains("5 dollars", (await owner.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/pages/1")).GetProperty("speech").GetString()!, StringComparison.Ordinal);

        var renamed = await owner.Bearer.PatchAsJsonAsync($"/api/documents/{id}", new { title = "  Reading room  " });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal("Reading room", (await renamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.False((await owner.Bearer.GetFromJsonAsync<JsonElement>($"/api/audio/{audioId}")).GetProperty("stale").GetBoolean());
        var library = await owner.Bearer.GetFromJsonAsync<JsonElement>("/api/documents");
        Assert.Equal("Reading room", library.GetProperty("items")[0].GetProperty("title").GetString());

        var respoken = await owner.Bearer.PatchAsJsonAsync($"/api/documents/{id}", new { language = "ES" });
        Assert.Equal(HttpStatusCode.OK, respoken.StatusCode);
        var details = await respoken.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("es", details.GetProperty("language").GetString());
        Assert.Equal("Reading room", details.GetProperty("title").GetString());
        var speech = (await owner.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/pages/1")).GetProperty("speech").GetString()!;
        Assert.Contains("dólares", speech, StringComparison.Ordinal);
        Assert.DoesNotContain("dollars", speech, StringComparison.Ordinal);
        Assert.True((await owner.Bearer.GetFromJsonAsync<JsonElement>($"/api/audio/{audioId}")).GetProperty("stale").GetBoolean());
    }

    [Fact]
    public async Task Only_the_owner_changes_a_document_and_bad_changes_are_refused_with_nothing_changed()
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var collaborator = await ApiUser.CreateAsync(fixture.App);
        var id = await owner.CreateDocumentAsync("Words for a document that keeps its title.", title: "Kept");
        var share = await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/shares", new { email = collaborator.Email, permission = "share" });
        Assert.True(share.IsSuccessStatusCode, await share.Content.ReadAsStringAsync());

        await ProblemAssert.IsProblem(await collaborator.Bearer.PatchAsJsonAsync($"/api/documents/{id}", new { title = "Taken" }), HttpStatusCode.NotFound, "document.not_found");
        await ProblemAssert.IsProblem(await owner.Bearer.PatchAsJsonAsync($"/api/documents/{id}", new { title = " " }), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblem(await owner.Bearer.PatchAsJsonAsync($"/api/documents/{id}", new { title = new string('t', 201) }), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblem(await owner.Bearer.PatchAsJsonAsync($"/api/documents/{id}", new { title = "Bell\u0007" }), HttpStatusCode.BadRequest, "validation");
        var badLanguage = await ProblemAssert.IsProblem(await owner.Bearer.PatchAsJsonAsync($"/api/documents/{id}", new { language = "english please" }), HttpStatusCode.BadRequest, "validation");
        Assert.Equal("document.invalid_language", badLanguage.GetProperty("errors").GetProperty("language")[0].GetString());
        await ProblemAssert.IsProblem(await owner.Bearer.PatchAsJsonAsync($"/api/documents/{new string('0', 32)}", new { title = "Nobody's" }), HttpStatusCode.NotFound, "document.not_found");

        var document = await owner.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}");
        Assert.Equal("Kept", document.GetProperty("title").GetString());
        Assert.Equal("en", document.GetProperty("language").GetString());
    }

    [Fact]
    public async Task A_listening_position_is_saved_read_back_anywhere_and_puts_the_document_first_in_the_library()
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var reader = await ApiUser.CreateAsync(fixture.App);
        var stranger = await ApiUser.CreateAsync(fixture.App);
        var heard = await owner.CreateDocumentAsync(string.Join("\n\n", Enumerable.Range(1, 3).Select(Paragraph)), title: "Heard yesterday");
        await owner.CreateDocumentAsync("A newer document nobody has listened to.", title: "Never heard");
        (await owner.Bearer.PostAsJsonAsync($"/api/documents/{heard}/shares", new { email = reader.Email, permission = "view" })).EnsureSuccessStatusCode();
        await ProblemAssert.IsProblem(await owner.Bearer.GetAsync($"/api/documents/{heard}/position"), HttpStatusCode.NotFound, "position.none");

        var saved = await owner.Bearer.PutAsJsonAsync($"/api/documents/{heard}/position", new { page = 2, offsetMs = 12_345, voice = "local:en-us" });
        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);

        // Another device of the same person (a browser session) reads it back; the reader who was shared it has their own.
        var position = await owner.Browser.GetFromJsonAsync<JsonElement>($"/api/documents/{heard}/position");
        Assert.Equal(2, position.GetProperty("page").GetInt32());
        Assert.Equal(12_345, position.GetProperty("offsetMs").GetInt32());
        Assert.Equal("local:en-us", position.GetProperty("voice").GetString());
        await ProblemAssert.IsProblem(await reader.Bearer.GetAsync($"/api/documents/{heard}/position"), HttpStatusCode.NotFound, "position.none");
        Assert.Equal(HttpStatusCode.NoContent, (await reader.Bearer.PutAsJsonAsync($"/api/documents/{heard}/position", new { page = 3, offsetMs = 0, voice = "local:en-us" })).StatusCode);
        Assert.Equal(2, (await owner.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{heard}/position")).GetProperty("page").GetInt32());
        await ProblemAssert.IsProblem(await stranger.Bearer.PutAsJsonAsync($"/api/documents/{heard}/position", new { page = 1, offsetMs = 0, voice = "local:en-us" }), HttpStatusCode.NotFound, "document.not_found");

        var library = await owner.Bearer.GetFromJsonAsync<JsonElement>("/api/documents");
        var first = library.GetProperty("items")[0];
        Assert.Equal(heard, first.GetProperty("id").GetString());
        Assert.Equal(2, first.GetProperty("position").GetProperty("page").GetInt32());
        Assert.Equal(first.GetProperty("position").GetProperty("updatedAt").GetDateTimeOffset(), first.GetProperty("lastListenedAt").GetDateTimeOffset());
        Assert.Equal("text", first.GetProperty("sourceType").GetString());
        var added = await owner.Bearer.GetFromJsonAsync<JsonElement>("/api/documents?sort=added");
        Assert.Equal("Never heard", added.GetProperty("items")[0].GetProperty("title").GetString());
        var searched = await owner.Bearer.GetFromJsonAsync<JsonElement>("/api/documents?q=YESTERDAY");
        Assert.Equal([heard], searched.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("{\"page\":0,\"offsetMs\":0,\"voice\":\"local:en-us\"}", "page")]
    [InlineData("{\"page\":1,\"offsetMs\":-1,\"voice\":\"local:en-us\"}", "offsetMs")]
    [InlineData("{\"page\":1,\"voice\":\"local:en-us\"}", "offsetMs")]
    [InlineData("{\"page\":1,\"offsetMs\":0}", "voice")]
    [InlineData("{\"page\":99,\"offsetMs\":0,\"voice\":\"local:en-us\"}", "page")]
    public async Task A_bad_position_is_a_validation_error_and_nothing_is_saved(string body, string field)
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var id = await owner.CreateDocumentAsync("One page only, so page 99 does not exist.");

        var refused = await owner.Bearer.PutAsync($"/api/documents/{id}/position", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsProblem(refused, HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await ProblemAssert.IsProblem(await owner.Bearer.GetAsync($"/api/documents/{id}/position"), HttpStatusCode.NotFound, "position.none");
    }

    [Theory]
    [InlineData("/api/documents?sort=popular", "sort")]
    [InlineData("/api/documents?q=%07", "q")]
    public async Task Bad_library_queries_are_validation_errors(string url, string field)
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var problem = await ProblemAssert.IsProblem(await owner.Bearer.GetAsync(url), HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task A_binary_upload_is_refused_and_leaves_nothing_behind()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var binary = new byte[4096];
        new Random(7).NextBytes(binary);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(binary), "file", "notes.txt" } };

        var response = await user.Bearer.PostAsync("/api/documents", form);

        await ProblemAssert.IsProblem(response, HttpStatusCode.UnsupportedMediaType, "upload.unsupported_type");
        var library = await user.Bearer.GetFromJsonAsync<JsonElement>("/api/documents");
        Assert.Equal(0, library.GetProperty("totalItems").GetInt32());
        var blobs = Path.Combine(fixture.App.DataDirectory, "blobs");
        Assert.Empty(Directory.Exists(Path.Combine(blobs, "uploads")) ? Directory.GetFiles(Path.Combine(blobs, "uploads")) : []);
    }

    [Fact]
    public async Task Malformed_bodies_are_client_errors_not_server_errors()
    {
        var user = await ApiUser.CreateAsync(fixture.App);

        var badJson = await user.Bearer.PostAsync("/api/documents", new StringContent("{\"title\":", Encoding.UTF8, "application/json"));
        var empty = await user.Bearer.PostAsJsonAsync("/api/documents", new { title = "x", text = "" });
        var wrongType = await user.Bearer.PostAsync("/api/documents", new StringContent("hello", Encoding.UTF8, "text/plain"));

        await ProblemAssert.IsProblem(badJson, HttpStatusCode.BadRequest, "request.malformed_body");
        await ProblemAssert.IsProblem(empty, HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblem(wrongType, HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type");
    }

    [Fact]
    public async Task Deleting_a_document_removes_it_and_its_audio()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var id = await user.CreateDocumentAsync("Words that will be spoken, then deleted.");
        var audio = await (await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/pages/1/audio", new { voice = "local:en-us" })).Content.ReadFromJsonAsync<JsonElement>();
        var audioId = audio.GetProperty("id").GetString()!;
        await user.WaitForAudioAsync(audioId);

        Assert.Equal(HttpStatusCode.NoContent, (await user.Bearer.DeleteAsync($"/api/documents/{id}")).StatusCode);

        await ProblemAssert.IsProblem(await user.Bearer.GetAsync($"/api/documents/{id}"), HttpStatusCode.NotFound, "document.not_found");
        await ProblemAssert.IsProblem(await user.Bearer.GetAsync($"/api/audio/{audioId}"), HttpStatusCode.NotFound, "document.not_found");
        Assert.DoesNotContain(
            Directory.GetFiles(Path.Combine(fixture.App.DataDirectory, "blobs"), "*", SearchOption.AllDirectories),
            f => f.Contains(id, StringComparison.Ordinal));
        Assert.Equal(0, (await user.Bearer.GetFromJsonAsync<JsonElement>("/api/documents")).GetProperty("totalItems").GetInt32());
    }

    internal static string Paragraph(int number) =>
        $"Paragraph {number}. " + string.Join(' ', Enumerable.Range(1, 30).Select(i => $"This is sentence {i} of paragraph {number}, which Lector should read aloud clearly."));
}
