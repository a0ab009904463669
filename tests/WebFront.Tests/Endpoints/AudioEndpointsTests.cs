using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lector.WebFront.Tests.Endpoints;

[Collection(AppCollection.Name)]
public sealed class AudioEndpointsTests(LectorAppFixture fixture)
{
    private const string Voice = "local:en-us";

    [Fact]
    public async Task A_page_becomes_mp3_audio_whose_length_fits_the_text_and_ranges_are_served()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var id = await user.CreateDocumentAsync(string.Join("\n\n", Enumerable.Range(1, 3).Select(DocumentEndpointsTests.Paragraph)));
        var page = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/pages/1");

        var request = await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/pages/1/audio", new { voice = Voice });

        Assert.Equal(HttpStatusCode.Accepted, request.StatusCode);
        var audioId = (await request.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal($"/api/audio/{audioId}", request.Headers.Location?.OriginalString);
        var audio = await user.WaitForAudioAsync(audioId);
        Assert.Equal("completed", audio.GetProperty("status").GetString());
        Assert.Equal("mp3", audio.GetProperty("format").GetString());
        Assert.Equal("local", audio.GetProperty("engine").GetString());
        Assert.Equal(page.GetProperty("text").GetString()!.Length, audio.GetProperty("billedCharacters").GetInt64());

        var content = await user.Bearer.GetAsync($"/api/audio/{audioId}/content");
        Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        Assert.Equal("audio/mpeg", content.Content.Headers.ContentType?.MediaType);
        Assert.Contains("bytes", content.Headers.AcceptRanges);
        var bytes = await content.Content.ReadAsByteArrayAsync();
        Assert.Equal(audio.GetProperty("sizeBytes").GetInt64(), bytes.Length);
        var seconds = Mp3Frames.DurationSeconds(bytes);
        var charactersPerSecond = page.GetProperty("text").GetString()!.Length / seconds;
        Assert.InRange(charactersPerSecond, 10, 20);

        await RangeAssert.ServesFirstHundredBytes(user.Bearer, $"/api/audio/{audioId}/content", bytes);
    }

    [Fact]
    public async Task A_thousand_racing_posts_give_one_audio_and_one_engine_call()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var stranger = await ApiUser.CreateAsync(fixture.App);
        var text = $"A race between a thousand requests, number {Guid.NewGuid():N}.";
        var id = await user.CreateDocumentAsync(text);

        // A stranger racing in the same crowd is refused: requests share an answer only with the same caller's.
        var strangers = Enumerable.Range(0, 100).Select(_ =>
            stranger.Bearer.PostAsJsonAsync($"/api/documents/{id}/pages/1/audio", new { voice = Voice })).ToList();
        var responses = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ =>
            user.Bearer.PostAsJsonAsync($"/api/documents/{id}/pages/1/audio", new { voice = Voice })));
        Assert.All(await Task.WhenAll(strangers), r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Single(bodies.Select(b => b.GetProperty("id").GetString()).Distinct());
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK));
        await user.WaitForAudioAsync(bodies[0].GetProperty("id").GetString()!);
        Assert.Equal(1, fixture.App.Engine.CallsFor(text));
    }

    [Fact]
    public async Task Unknown_voices_and_foreign_audio_are_refused_with_stable_codes()
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var stranger = await ApiUser.CreateAsync(fixture.App);
        var id = await owner.CreateDocumentAsync("Short text.");
        var audio = await (await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/pages/1/audio", new { voice = Voice })).Content.ReadFromJsonAsync<JsonElement>();
        var audioId = audio.GetProperty("id").GetString()!;

        await ProblemAssert.IsProblem(await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/pages/1/audio", new { voice = "local:klingon" }), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblem(await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/pages/1/audio", new { }), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblem(await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/pages/0/audio", new { voice = Voice }), HttpStatusCode.BadRequest, "validation");
        await ProblemAssert.IsProblem(await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/pages/5/audio", new { voice = Voice }), HttpStatusCode.NotFound, "page.not_found");
        await ProblemAssert.IsProblem(await stranger.Bearer.GetAsync($"/api/audio/{audioId}"), HttpStatusCode.NotFound, "document.not_found");
        await ProblemAssert.IsProblem(await stranger.Bearer.GetAsync($"/api/audio/{audioId}/content"), HttpStatusCode.NotFound, "document.not_found");
        await ProblemAssert.IsProblem(await owner.Bearer.GetAsync("/api/audio/garbage"), HttpStatusCode.NotFound, "audio.not_found");
        await ProblemAssert.IsProblem(await owner.Bearer.PostAsync($"/api/audio/{audioId}/retry", null), HttpStatusCode.Conflict, "audio.not_failed");
    }

    [Fact]
    public async Task A_pages_audio_is_listed_with_its_quota_to_whoever_may_view_it()
    {
        var owner = await ApiUser.CreateAsync(fixture.App);
        var stranger = await ApiUser.CreateAsync(fixture.App);
        var id = await owner.CreateDocumentAsync("A page with audio in two voices.");
        var empty = await owner.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/pages/1/audio");
        Assert.Equal(0, empty.GetProperty("items").GetArrayLength());
        Assert.Equal(0, empty.GetProperty("quota").GetProperty("used").GetInt32());

        var voices = new[] { Voice, "local:en-gb" };
        foreach (var voice in voices)
        {
            (await owner.Bearer.PostAsJsonAsync($"/api/documents/{id}/pages/1/audio", new { voice })).EnsureSuccessStatusCode();
        }

        var listed = await owner.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/pages/1/audio");
        Assert.Equal(voices.Order(StringComparer.Ordinal), listed.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("voice").GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal(4, listed.GetProperty("quota").GetProperty("max").GetInt32());
        Assert.Equal(2, listed.GetProperty("quota").GetProperty("used").GetInt32());

        await ProblemAssert.IsProblem(await stranger.Bearer.GetAsync($"/api/documents/{id}/pages/1/audio"), HttpStatusCode.NotFound, "document.not_found");
        await ProblemAssert.IsProblem(await owner.Bearer.GetAsync($"/api/documents/{id}/pages/9/audio"), HttpStatusCode.NotFound, "page.not_found");
        await ProblemAssert.IsProblem(await owner.Bearer.GetAsync($"/api/documents/{id}/pages/x/audio"), HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Voices_of_the_local_engine_are_listed_and_filtered()
    {
        var user = await ApiUser.CreateAsync(fixture.App);

        var voices = await user.Bearer.GetFromJsonAsync<JsonElement>("/api/voices?language=en");

        var ids = voices.EnumerateArray().Select(v => v.GetProperty("id").GetString()).ToList();
        Assert.Contains(Voice, ids);
        Assert.All(voices.EnumerateArray(), v => Assert.StartsWith("en", v.GetProperty("language").GetString(), StringComparison.Ordinal));
    }

    /// <summary>With the default engines: Festival's voice is listed where Festival is installed, as on this machine.</summary>
    [Theory]
    [InlineData(Voice)]
    [InlineData("festival:en-us-slt")]
    public async Task Audio_of_each_local_voice_has_marks_naming_the_words_of_the_page_at_their_offsets(string voice)
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        const string text = "Reading along works here.\nEvery word gets a mark, in time order.";
        var id = await user.CreateDocumentAsync(text);
        var voices = await user.Bearer.GetFromJsonAsync<JsonElement>("/api/voices?language=en");
        Assert.Contains(voices.EnumerateArray(), v => v.GetProperty("id").GetString() == voice);

        var request = await user.Bearer.PostAsJsonAsync($"/api/documents/{id}/pages/1/audio", new { voice });
        var audio = await user.WaitForAudioAsync((await request.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        var marks = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/audio/{audio.GetProperty("id").GetString()}/marks");

        var page = (await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{id}/pages/1")).GetProperty("text").GetString()!;
        var words = marks.EnumerateArray().Where(m => m.GetProperty("type").GetString() == "word").ToList();
        Assert.Equal(
            ["Reading", "along", "works", "here", "Every", "word", "gets", "a", "mark", "in", "time", "order"],
            words.Select(m => page[m.GetProperty("start").GetInt32()..m.GetProperty("end").GetInt32()]));
        var times = words.Select(m => m.GetProperty("timeMs").GetInt64()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.InRange(times[^1], 1, audio.GetProperty("durationMs").GetInt64());
    }
}
