using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lector.WebFront.Tests.Endpoints;

[Collection(AppCollection.Name)]
public sealed class DocumentAudioEndpointsTests(LectorAppFixture fixture)
{
    private const string Voice = "local:en-us";

    [Fact]
    public async Task A_whole_document_job_completes_every_page_once_with_consistent_progress()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var id = await user.CreateDocumentAsync(string.Join("\n\n", Enumerable.Range(1, 5).Select(n => DocumentEndpointsTests.Paragraph(n) + $" {Guid.NewGuid():N}.")));
        var pageCount = (await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}")).GetProperty("pageCount").GetInt32();
        Assert.True(pageCount >= 4, $"expected a multi-page document, got {pageCount} pages");

        var start = await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/audio", new { voice = Voice });

        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.Equal($"/api/documents/{id}/audio?voice=local%3Aen-us", start.Headers.Location?.OriginalString);
        var progress = await WaitForJobAsync(user, id, Voice, p => AssertConsistent(p, pageCount));
        Assert.Equal(pageCount, progress.GetProperty("completed").GetInt32());
        Assert.Equal(0, progress.GetProperty("failed").GetInt32());
        Assert.Equal(0, progress.GetProperty("pending").GetInt32());
        for (var number = 1; number <= pageCount; number++)
        {
            var page = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/pages/{number}");
            var audio = Assert.Single(page.GetProperty("audio").EnumerateArray());
            Assert.Equal("completed", audio.GetProperty("status").GetString());
            Assert.Equal(1, fixture.App.Engine.CallsFor(page.GetProperty("text").GetString()!));
        }

        // Starting again once finished re-checks every page; nothing is stale, so nothing is synthesized again.
        (await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/audio", new { voice = Voice })).EnsureSuccessStatusCode();
        var again = await WaitForJobAsync(user, id, Voice, p => AssertConsistent(p, pageCount));
        Assert.Equal(pageCount, again.GetProperty("completed").GetInt32());
        var firstPage = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/pages/1");
        Assert.Equal(1, fixture.App.Engine.CallsFor(firstPage.GetProperty("text").GetString()!));
    }

    [Fact]
    public async Task Edited_pages_are_regenerated_by_a_page_request_and_by_a_document_job()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var id = await user.CreateDocumentAsync(string.Join("\n\n", Enumerable.Range(1, 2).Select(DocumentEndpointsTests.Paragraph)));
        var first = await (await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/pages/1/audio", new { voice = Voice })).Content.ReadFromJsonAsync<JsonElement>();
        var audioId = first.GetProperty("id").GetString()!;
        await user.WaitForAudioAsync(audioId);
        (await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/audio", new { voice = Voice })).EnsureSuccessStatusCode();
        await WaitForJobAsync(user, id, Voice, _ => { });

        var editedFirst = $"The first page was rewritten, version {Guid.NewGuid():N}.";
        var editedSecond = $"The second page was rewritten, version {Guid.NewGuid():N}.";
        (await user.Bearer.PutAsJsonAsync($"/api/documents/{id}/pages/1", new { text = editedFirst })).EnsureSuccessStatusCode();
        (await user.Bearer.PutAsJsonAsync($"/api/documents/{id}/pages/2", new { text = editedSecond })).EnsureSuccessStatusCode();
        Assert.True((await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/audio/{audioId}")).GetProperty("stale").GetBoolean());

        var regenerate = await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/pages/1/audio", new { voice = Voice });
        Assert.Equal(HttpStatusCode.Accepted, regenerate.StatusCode);
        var regenerated = await user.WaitForAudioAsync(audioId);
        Assert.Equal("completed", regenerated.GetProperty("status").GetString());
        Assert.False(regenerated.GetProperty("stale").GetBoolean());
        Assert.Equal(1, fixture.App.Engine.CallsFor(editedFirst));

        (await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/audio", new { voice = Voice })).EnsureSuccessStatusCode();
        var job = await WaitForJobAsync(user, id, Voice, p => AssertConsistent(p, 2));
        Assert.Equal(2, job.GetProperty("completed").GetInt32());
        Assert.Equal(1, fixture.App.Engine.CallsFor(editedSecond));
        Assert.Equal(1, fixture.App.Engine.CallsFor(editedFirst));
    }

    [Fact]
    public async Task Pages_at_their_voice_limit_count_as_failed_with_the_reason()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var id = await user.CreateDocumentAsync("A short page that four other voices already read.");
        var voices = (await user.Bearer.GetFromJsonAsync<JsonElement>("/api/voices?engine=local")).EnumerateArray()
            .Select(v => v.GetProperty("id").GetString()!).Where(v => v != Voice).Take(4).ToList();
        foreach (var voice in voices)
        {
            Assert.True((await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/pages/1/audio", new { voice })).IsSuccessStatusCode);
        }

        (await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/audio", new { voice = Voice })).EnsureSuccessStatusCode();
        var job = await WaitForJobAsync(user, id, Voice, p => AssertConsistent(p, 1));

        Assert.Equal(0, job.GetProperty("completed").GetInt32());
        Assert.Equal(1, job.GetProperty("failed").GetInt32());
        var failure = Assert.Single(job.GetProperty("failures").EnumerateArray());
        Assert.Equal(1, failure.GetProperty("page").GetInt32());
        Assert.Equal("audio.quota_exceeded", failure.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Document_audio_refuses_bad_input_viewers_and_strangers_with_stable_codes()
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var viewer = await ApiUser.CreateAsync(fixture.App);
        var stranger = await ApiUser.CreateAsync(fixture.App);
        var id = await owner.CreateDocumentAsync("A short document.");
        (await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/shares", new { email = viewer.Email, permission = "view" })).EnsureSuccessStatusCode();

        await ProblemAssert.IsProblem(await owner.Bearer.GetAsync($"/api/documents/{id}/audio?voice={Voice}"), HttpStatusCode.NotFound, "document_audio.not_found");
        await ProblemAssert.IsProblem(await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/audio", new { }), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblem(await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/audio", new { voice = "local:no-such-voice" }), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblem(await viewer.Bearer.PostAsJsonAsync($"/api/documents/{id}/audio", new { voice = Voice }), HttpStatusCode.NotFound, "document.not_found");
        await ProblemAssert.IsProblem(await stranger.Bearer.PostAsJsonAsync($"/api/documents/{id}/audio", new { voice = Voice }), HttpStatusCode.NotFound, "document.not_found");
        await ProblemAssert.IsProblem(await stranger.Bearer.GetAsync($"/api/documents/{id}/events"), HttpStatusCode.NotFound, "document.not_found");
        await ProblemAssert.IsProblem(await owner.Bearer.GetAsync("/api/documents/not-an-id/audio?voice=x"), HttpStatusCode.NotFound, "document.not_found");

        Assert.Equal(HttpStatusCode.Accepted, (await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/audio", new { voice = Voice })).StatusCode);
        var seen = await viewer.Bearer.GetAsync($"/api/documents/{id}/audio?voice={Voice}");
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
    }

    [Fact]
    public async Task The_event_stream_reports_audio_and_job_progress_and_resumes_after_the_last_event()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var id = await user.CreateDocumentAsync(string.Join("\n\n", Enumerable.Range(1, 2).Select(n => DocumentEndpointsTests.Paragraph(n) + $" {Guid.NewGuid():N}.")));
        using var stream = await EventStream.OpenAsync(user.Bearer, $"/api/documents/{id}/events");
        Assert.Equal("text/event-stream", stream.ContentType);
        var snapshot = await stream.NextAsync(e => e.Type == "document");
        Assert.Equal("ready", snapshot.Data.GetProperty("status").GetString());

        (await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/audio", new { voice = Voice })).EnsureSuccessStatusCode();

        var done = await stream.NextAsync(e => e.Type == "job" && e.Data.GetProperty("status").GetString() == "completed");
        Assert.Equal(2, done.Data.GetProperty("completed").GetInt32());

        // Events of different grains are not ordered among themselves: a page's own "completed" may follow the job's.
        static bool AudioCompleted(EventStream.ServerEvent e) => e.Type == "audio" && e.Data.GetProperty("status").GetString() == "completed";
        while (stream.Received.Count(AudioCompleted) < 2)
        {
            await stream.NextAsync(AudioCompleted);
        }

        Assert.Equal(2, stream.Received.Count(AudioCompleted));
        Assert.All(stream.Received.Where(e => e.Type == "job"), e => AssertConsistent(e.Data, 2));
        var ids = stream.Received.Where(e => e.Id is not null).Select(e => e.Id!.Value).ToList();
        Assert.Equal(ids.Order(), ids);

        // A reconnect with Last-Event-ID replays what came after that event.
        var firstAudio = stream.Received.First(e => e.Type == "audio");
        using var resumed = await EventStream.OpenAsync(user.Bearer, $"/api/documents/{id}/events", firstAudio.Id);
        var replayed = await resumed.NextAsync(e => e.Type == "job" && e.Data.GetProperty("status").GetString() == "completed");
        Assert.DoesNotContain(resumed.Received, e => e.Type == "document");
        Assert.All(resumed.Received, e => Assert.True(e.Id > firstAudio.Id));
        Assert.Equal(done.Id, replayed.Id);
    }

    private static void AssertConsistent(JsonElement progress, int pageCount)
    {
        var total = progress.GetProperty("total").GetInt32();
        Assert.Equal(pageCount, total);
        Assert.Equal(total, progress.GetProperty("completed").GetInt32() + progress.GetProperty("failed").GetInt32() + progress.GetProperty("pending").GetInt32());
        Assert.Equal(progress.GetProperty("failed").GetInt32(), progress.GetProperty("failures").GetArrayLength());
    }

    private static async Task<JsonElement> WaitForJobAsync(ApiUser user, string id, string voice, Action<JsonElement> check)
    {
        for (var i = 0; i < 600; i++)
        {
            var progress = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/audio?voice={Uri.EscapeDataString(voice)}");
            check(progress);
            if (progress.GetProperty("status").GetString() == "completed")
            {
                return progress;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The document job did not finish.");
    }
}
