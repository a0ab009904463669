using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lector.Testing;

namespace Lector.WebFront.Tests.Endpoints;

/// <summary>Whole-document exports over HTTP, judged by ffprobe: chapters, duration, metadata, ranges, staleness, access.</summary>
[Collection(AppCollection.Name)]
public sealed class ExportEndpointsTests(LectorAppFixture fixture)
{
    private const string Voice = "local:en-us";
    internal const string Title = "A Small Book";

    [Theory]
    [InlineData("epub")]
    [InlineData("pdf")]
    public async Task A_document_with_chapters_exports_to_m4b_and_mp3_with_one_chapter_per_chapter_its_duration_and_its_title(string kind)
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var id = await UploadAsync(user, kind == "epub" ? Epub() : Pdf(), $"book.{kind}");
        var chapters = (await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/chapters")).EnumerateArray().ToList();
        Assert.True(chapters.Count >= 2, $"the {kind} should have chapters");

        foreach (var (format, codec) in new[] { ("m4b", "aac"), ("mp3", "mp3") })
        {
            var start = await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/exports", new { voice = Voice, format });
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            var exportId = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            Assert.Equal($"/api/exports/{exportId}", start.Headers.Location?.OriginalString);
            var export = await WaitForExportAsync(user, exportId);
            Assert.Equal("completed", export.GetProperty("status").GetString());

            var pageMs = await PageDurationsAsync(user, id);
            Assert.Equal(pageMs.Count, export.GetProperty("progress").GetProperty("total").GetInt32());
            var content = await user.Bearer.GetAsync($"/api/exports/{exportId}/content");
            Assert.Equal(HttpStatusCode.OK, content.StatusCode);
            Assert.Equal(format == "m4b" ? "audio/mp4" : "audio/mpeg", content.Content.Headers.ContentType?.MediaType);
            var bytes = await content.Content.ReadAsByteArrayAsync();
            Assert.Equal(export.GetProperty("sizeBytes").GetInt64(), bytes.Length);
            var probed = await FfProbe.ReadAsync(bytes);

            Assert.Equal(codec, probed.AudioCodec);
            Assert.Equal(Title, probed.Tags["title"]);
            Assert.InRange(probed.DurationMs, pageMs.Sum() * 0.98, pageMs.Sum() * 1.02);
            Assert.Equal(chapters.Select(c => c.GetProperty("title").GetString()), probed.Chapters.Select(c => c.Title));
            var listed = export.GetProperty("chapters").EnumerateArray().ToList();
            for (var i = 0; i < chapters.Count; i++)
            {
                // The first chapter starts the file; the others where their first page's audio does.
                var expectedMs = i == 0 ? 0 : pageMs.Take(chapters[i].GetProperty("firstPage").GetInt32() - 1).Sum();
                Assert.InRange(probed.Chapters[i].StartMs, expectedMs - 50, expectedMs + 50);
                Assert.InRange(listed[i].GetProperty("startMs").GetInt64(), probed.Chapters[i].StartMs - 1, probed.Chapters[i].StartMs + 1);
            }

            await RangeAssert.ServesFirstHundredBytes(user.Bearer, $"/api/exports/{exportId}/content", bytes);

            // Asking again for a current export answers it as it is.
            var again = await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/exports", new { voice = Voice, format });
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(exportId, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        }

        var list = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/exports");
        Assert.Equal(["mp3", "m4b"], list.EnumerateArray().Select(e => e.GetProperty("format").GetString()));
    }

    [Fact]
    public async Task An_edited_page_makes_the_export_stale_and_asking_again_builds_it_anew_with_a_chapter_per_page()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var id = await user.CreateDocumentAsync(string.Join("\n\n", Enumerable.Range(1, 2).Select(DocumentEndpointsTests.Paragraph)), Title);
        var first = await (await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/exports", new { voice = Voice, format = "mp3" })).Content.ReadFromJsonAsync<JsonElement>();
        var exportId = first.GetProperty("id").GetString()!;
        var built = await WaitForExportAsync(user, exportId);
        var pages = built.GetProperty("progress").GetProperty("total").GetInt32();
        Assert.Equal(Enumerable.Range(1, pages).Select(n => $"Page {n}"), built.GetProperty("chapters").EnumerateArray().Select(c => c.GetProperty("title").GetString()));
        Assert.False(built.GetProperty("stale").GetBoolean());

        var edited = $"The first page was rewritten, version {Guid.NewGuid():N}.";
        (await user.Bearer.PutAsJsonAsync($"/api/documents/{id}/pages/1", new { text = edited })).EnsureSuccessStatusCode();

        var stale = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/exports/{exportId}");
        Assert.True(stale.GetProperty("stale").GetBoolean());
        Assert.True(Assert.Single((await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/exports")).EnumerateArray()).GetProperty("stale").GetBoolean());
        var rebuild = await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/exports", new { voice = Voice, format = "mp3" });
        Assert.Equal(HttpStatusCode.Accepted, rebuild.StatusCode);
        var rebuilt = await WaitForExportAsync(user, exportId);
        Assert.Equal("completed", rebuilt.GetProperty("status").GetString());
        Assert.False(rebuilt.GetProperty("stale").GetBoolean());
        Assert.Equal(1, fixture.App.Engine.CallsFor(edited));
        var probed = await FfProbe.ReadAsync(await user.Bearer.GetByteArrayAsync($"/api/exports/{exportId}/content"));
        Assert.InRange(probed.DurationMs, (await PageDurationsAsync(user, id)).Sum() * 0.98, (await PageDurationsAsync(user, id)).Sum() * 1.02);
        Assert.Single(Directory.GetFiles(Path.Combine(fixture.App.DataDirectory, "blobs", "exports", id)));
    }

    [Fact]
    public async Task Viewers_read_and_download_collaborators_export_and_only_the_owner_or_the_requester_deletes()
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var viewer = await ApiUser.CreateAsync(fixture.App);
        var collaborator = await ApiUser.CreateAsync(fixture.App);
        var stranger = await ApiUser.CreateAsync(fixture.App);
        var id = await owner.CreateDocumentAsync("One short page to export.", Title);
        await ShareAsync(owner, id, viewer, "view");
        await ShareAsync(owner, id, collaborator, "collaborate");

        await ProblemAssert.IsProblem(await viewer.Bearer.PostAsJsonAsync($"/api/documents/{id}/exports", new { voice = Voice, format = "m4b" }), HttpStatusCode.NotFound, "document.not_found");
        var created = await collaborator.Bearer.PostAsJsonAsync($"/api/documents/{id}/exports", new { voice = Voice, format = "m4b" });
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var exportId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var export = await WaitForExportAsync(viewer, exportId);
        Assert.Equal(collaborator.Id, export.GetProperty("createdBy").GetString());

        Assert.Equal(exportId, Assert.Single((await viewer.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/exports")).EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await viewer.Bearer.GetAsync($"/api/exports/{exportId}/content?download=true")).StatusCode);
        await ProblemAssert.IsProblem(await stranger.Bearer.GetAsync($"/api/exports/{exportId}"), HttpStatusCode.NotFound, "document.not_found");
        await ProblemAssert.IsProblem(await stranger.Bearer.GetAsync($"/api/documents/{id}/exports"), HttpStatusCode.NotFound, "document.not_found");
        await ProblemAssert.IsProblem(await viewer.Bearer.DeleteAsync($"/api/exports/{exportId}"), HttpStatusCode.NotFound, "export.not_found");

        var ownersExport = await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/exports", new { voice = Voice, format = "mp3" });
        var ownersExportId = (await ownersExport.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await WaitForExportAsync(owner, ownersExportId);
        await ProblemAssert.IsProblem(await collaborator.Bearer.DeleteAsync($"/api/exports/{ownersExportId}"), HttpStatusCode.NotFound, "export.not_found");

        Assert.Equal(HttpStatusCode.NoContent, (await collaborator.Bearer.DeleteAsync($"/api/exports/{exportId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.Bearer.DeleteAsync($"/api/exports/{ownersExportId}")).StatusCode);

        await ProblemAssert.IsProblem(await owner.Bearer.GetAsync($"/api/exports/{exportId}"), HttpStatusCode.NotFound, "export.not_found");
        await ProblemAssert.IsProblem(await owner.Bearer.GetAsync($"/api/exports/{ownersExportId}/content"), HttpStatusCode.NotFound, "export.not_found");
        Assert.Empty((await owner.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/exports")).EnumerateArray());
        Assert.Empty(Directory.GetFiles(Path.Combine(fixture.App.DataDirectory, "blobs", "exports", id)));
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_stable_codes_and_nothing_is_made()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var id = await user.CreateDocumentAsync("A page nobody manages to export.", Title);

        var wrongFormat = await ProblemAssert.IsProblem(await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/exports", new { voice = Voice, format = "wav" }), HttpStatusCode.BadRequest, "validation");
        Assert.True(wrongFormat.GetProperty("errors").TryGetProperty("format", out _));
        var noVoice = await ProblemAssert.IsProblem(await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/exports", new { format = "m4b" }), HttpStatusCode.BadRequest, "validation");
        Assert.True(noVoice.GetProperty("errors").TryGetProperty("voice", out _));
        var unknownVoice = await ProblemAssert.IsProblem(await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/exports", new { voice = "local:no-such-voice", format = "m4b" }), HttpStatusCode.BadRequest, "validation");
        Assert.Equal("voice.not_found", unknownVoice.GetProperty("errors").GetProperty("voice")[0].GetString());
        await ProblemAssert.IsProblem(await user.Bearer.PostAsJsonAsync($"/api/documents/{new string('0', 32)}/exports", new { voice = Voice, format = "m4b" }), HttpStatusCode.NotFound, "document.not_found");
        await ProblemAssert.IsProblem(await user.Bearer.GetAsync("/api/exports/not-an-export"), HttpStatusCode.NotFound, "export.not_found");
        await ProblemAssert.IsProblem(await user.Bearer.GetAsync($"/api/exports/{id}.m4b.bG9jYWw6ZW4tdXM"), HttpStatusCode.NotFound, "export.not_found");

        Assert.Empty((await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/exports")).EnumerateArray());
        Assert.False(Directory.Exists(Path.Combine(fixture.App.DataDirectory, "blobs", "exports", id)));
    }

    [Fact]
    public async Task Progress_comes_on_the_documents_event_stream_and_a_deleted_document_takes_its_exports_along()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var id = await user.CreateDocumentAsync("A page whose export is followed on the event stream.", Title);
        using var events = await EventStream.OpenAsync(user.Bearer, $"/api/documents/{id}/events");
        await events.NextAsync(e => e.Type == "document");

        var exportId = (await (await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/exports", new { voice = Voice, format = "m4b" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var completed = await events.NextAsync(e => e.Type == "export" && e.Data.GetProperty("status").GetString() == "completed");

        Assert.Equal(exportId, completed.Data.GetProperty("id").GetString());
        Assert.Contains(events.Received, e => e.Type == "export" && e.Data.GetProperty("status").GetString() == "pending");
        Assert.True(completed.Data.GetProperty("durationMs").GetInt64() > 0);
        Assert.Single(Directory.GetFiles(Path.Combine(fixture.App.DataDirectory, "blobs", "exports", id)));

        Assert.Equal(HttpStatusCode.NoContent, (await user.Bearer.DeleteAsync($"/api/documents/{id}")).StatusCode);
        Assert.Empty(Directory.GetFiles(Path.Combine(fixture.App.DataDirectory, "blobs", "exports", id)));
        await ProblemAssert.IsProblem(await user.Bearer.GetAsync($"/api/exports/{exportId}"), HttpStatusCode.NotFound, "document.not_found");
    }

    /// <summary>A book of three chapters, titled <see cref="Title"/>.</summary>
    internal static byte[] Epub() => new TestEpub(Title)
        .Chapter("The Beginning", "It was a quiet morning in the small town.", "Nobody expected the letter.")
        .Chapter("The Middle", "The letter asked for an answer by the evening.")
        .Chapter("The End", "They wrote back, and the town was quiet again.")
        .ToBytes();

    private static byte[] Pdf() => new TestPdf()
        .Lines(120, "An opening page, read before the first bookmark ends.")
        .Lines(120, "The opening goes on over a second page.")
        .Lines(120, "The closing chapter has a page of its own.")
        .Bookmark("Opening", 1)
        .Bookmark("Closing", 3)
        .ToBytes();

    internal static async Task<string> UploadAsync(ApiUser user, byte[] file, string fileName)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", fileName }, { new StringContent(Title), "title" } };
        var response = await user.Bearer.PostAsync("/api/documents", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal("ready", (await user.WaitForDocumentAsync(id)).GetProperty("status").GetString());
        return id;
    }

    internal static async Task ShareAsync(ApiUser owner, string id, ApiUser with, string permission) =>
        (await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/shares", new { email = with.Email, permission })).EnsureSuccessStatusCode();

    /// <summary>
    /// How long each page's audio in <see cref="Voice"/> plays, page by page, as ffprobe reads its file: with the few
    /// milliseconds of encoder delay and padding an MP3 carries, which the page's <c>durationMs</c> (the speech) leaves out.
    /// </summary>
    private static async Task<List<double>> PageDurationsAsync(ApiUser user, string id)
    {
        var pageCount = (await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}")).GetProperty("pageCount").GetInt32();
        var durations = new List<double>();
        for (var number = 1; number <= pageCount; number++)
        {
            var page = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/pages/{number}");
            var audio = page.GetProperty("audio").EnumerateArray().Single(a => a.GetProperty("voice").GetString() == Voice);
            var probed = await FfProbe.ReadAsync(await user.Bearer.GetByteArrayAsync($"/api/audio/{audio.GetProperty("id").GetString()}/content"));
            Assert.InRange(probed.DurationMs, audio.GetProperty("durationMs").GetInt64(), audio.GetProperty("durationMs").GetInt64() + 150);
            durations.Add(probed.DurationMs);
        }

        return durations;
    }

    private static async Task<JsonElement> WaitForExportAsync(ApiUser user, string exportId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            var export = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/exports/{exportId}");
            if (export.GetProperty("status").GetString() is "completed" or "failed")
            {
                return export;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the export is still {export.GetProperty("status").GetString()}");
            await Task.Delay(100);
        }
    }
}
