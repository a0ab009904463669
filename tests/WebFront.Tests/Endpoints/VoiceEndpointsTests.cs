using System.Net;
using System.Net.Http.Json;
using Lector.Abstractions.Audio;
using Lector.Grains.Audio;
using Lector.Testing;

namespace Lector.WebFront.Tests.Endpoints;

[Collection(AppCollection.Name)]
public sealed class VoiceEndpointsTests(LectorAppFixture fixture)
{
    [Fact]
    public async Task A_voice_preview_is_mp3_made_once_and_served_with_ranges()
    {
        var user = await ApiUser.CreateAsync(fixture.App);

        var first = await user.Bearer.GetAsync("/api/voices/local:en-us/preview");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("audio/mpeg", first.Content.Headers.ContentType?.MediaType);
        Assert.Contains("bytes", first.Headers.AcceptRanges);
        Assert.NotNull(first.Headers.ETag);
        var bytes = await first.Content.ReadAsByteArrayAsync();
        Assert.InRange(Mp3Frames.DurationSeconds(bytes), 1.5, 15);

        // The browser sends the id percent-encoded, with its session cookie; a later request is served from the store.
        var again = await user.Browser.GetAsync("/api/voices/local%3Aen-us/preview");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(bytes, await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, fixture.App.Engine.CallsFor(VoicePreviewText.English));

        await RangeAssert.ServesFirstHundredBytes(user.Bearer, "/api/voices/local:en-us/preview", bytes);
    }

    [Fact]
    public async Task Unknown_voices_are_not_found_and_anonymous_callers_must_sign_in()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        using var anonymous = fixture.App.CreateClient();

        await ProblemAssert.IsProblem(await user.Bearer.GetAsync("/api/voices/local:klingon/preview"), HttpStatusCode.NotFound, "voice.not_found");
        await ProblemAssert.IsProblem(await user.Bearer.GetAsync("/api/voices/polly:Joanna:neural/preview"), HttpStatusCode.NotFound, "voice.not_found");
        await ProblemAssert.IsProblem(await user.Bearer.GetAsync($"/api/voices/local:{new string('x', 200)}/preview"), HttpStatusCode.NotFound, "voice.not_found");
        await ProblemAssert.IsProblem(await anonymous.GetAsync("/api/voices/local:en-us/preview"), HttpStatusCode.Unauthorized, "auth.required");
    }

    [Fact]
    public async Task Previews_count_against_the_per_user_audio_limit_like_other_synthesis()
    {
        await using var app = await LectorApp.StartAsync("--RateLimits:Audio:Limit=2", "--RateLimits:Audio:WindowSeconds=600");
        var user = await ApiUser.CreateAsync(app);
        var other = await ApiUser.CreateAsync(app);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await user.Bearer.GetAsync("/api/voices/local:en-us/preview"));
        }

        Assert.All(answers.Take(2), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        await ProblemAssert.IsProblem(answers[2], HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.Equal(HttpStatusCode.OK, (await other.Bearer.GetAsync("/api/voices/local:en-us/preview")).StatusCode);
    }

    [Fact]
    public async Task Listed_voices_report_a_gender_their_engine_declares_or_unknown()
    {
        var user = await ApiUser.CreateAsync(fixture.App);

        var voices = await user.Bearer.GetFromJsonAsync<List<VoiceInfo>>("/api/voices");

        Assert.NotNull(voices);
        Assert.All(voices, v => Assert.Contains(v.Gender, new[] { "female", "male", "unknown" }));
        Assert.Equal("unknown", voices.Single(v => v.Id == "local:en-us").Gender);
    }
}
