using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Lector.WebFront.Tests.Endpoints;

[Collection(AppCollection.Name)]
public sealed class LexiconEndpointsTests(LectorAppFixture fixture)
{
    [Fact]
    public async Task A_saved_lexicon_changes_the_speech_and_the_engines_input_and_makes_the_audio_stale()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        var documentId = await user.CreateDocumentAsync("Install GNU and ask Nguyen about it.");
        var audioId = await CompletedAudioAsync(user, documentId);
        Assert.Empty(await user.Bearer.GetFromJsonAsync<JsonElement[]>("/api/lexicon") ?? []);

        var saved = await user.Bearer.PutAsJsonAsync("/api/lexicon", new object[]
        {
            new { grapheme = "GNU", alias = "guh new" },
            new { grapheme = "Nguyen", phoneme = "ŋwɪn" },
        });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        const string expected = """[{"grapheme":"GNU","alias":"guh new"},{"grapheme":"Nguyen","phoneme":"ŋwɪn"}]""";
        Assert.Equal(expected, await saved.Content.ReadAsStringAsync());
        Assert.Equal(expected, await user.Bearer.GetStringAsync("/api/lexicon"));
        Assert.True((await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/audio/{audioId}")).GetProperty("stale").GetBoolean());
        var page = await user.Bearer.GetFromJsonAsync<JsonElement>($"/api/documents/{documentId}/pages/1");
        Assert.Equal("Install guh new and ask Nguyen about it.", page.GetProperty("speech").GetString());

        (await user.Bearer.PostAsJsonAsync($"/api/documents/{documentId}/pages/1/audio", new { voice = "local:en-us" })).EnsureSuccessStatusCode();
        var again = await user.WaitForAudioAsync(audioId);
        Assert.Equal("completed", again.GetProperty("status").GetString());
        Assert.False(again.GetProperty("stale").GetBoolean());
        var sent = fixture.App.Engine.Sent.Last(s => s.Text == "Install guh new and ask Nguyen about it.");
        Assert.Equal("ŋwɪn", Assert.Single(sent.Pronunciations).Ipa);
        var marks = await user.Bearer.GetFromJsonAsync<JsonElement[]>($"/api/audio/{audioId}/marks");
        const string text = "Install GNU and ask Nguyen about it.";
        Assert.Contains(marks!, m => m.GetProperty("type").GetString() == "word" && text[m.GetProperty("start").GetInt32()..m.GetProperty("end").GetInt32()] == "Nguyen");
    }

    [Fact]
    public async Task Refused_entries_are_named_field_by_field_in_the_callers_language_and_nothing_is_stored()
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        (await user.Bearer.PutAsJsonAsync("/api/lexicon", new[] { new { grapheme = "Lector", alias = "lek tor" } })).EnsureSuccessStatusCode();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/lexicon")
        {
            Content = JsonContent.Create(new object?[]
            {
                new { grapheme = "Lector", alias = "x", phoneme = "ɛ" },
                new { grapheme = "<b>", alias = "bold" },
                new { grapheme = "pecan", phoneme = "p@k'A:n" },
                null,
            }),
        };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("es"));

        var response = await user.Bearer.SendAsync(request);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "validation");
        Assert.Equal("La solicitud no es válida.", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Equal("lexicon.alias_or_phoneme", errors.GetProperty("[0].phoneme")[0].GetString());
        Assert.Equal("lexicon.grapheme_invalid", errors.GetProperty("[1].grapheme")[0].GetString());
        Assert.Equal("lexicon.phoneme_invalid", errors.GetProperty("[2].phoneme")[0].GetString());
        Assert.Equal("lexicon.grapheme_required", errors.GetProperty("[3].grapheme")[0].GetString());
        Assert.Equal("""[{"grapheme":"Lector","alias":"lek tor"}]""", await user.Bearer.GetStringAsync("/api/lexicon"));

        var tooMany = await user.Bearer.PutAsJsonAsync("/api/lexicon", Enumerable.Range(0, 201).Select(i => new { grapheme = $"w{i}", alias = "x" }));
        Assert.Equal("lexicon.too_many_entries", (await ProblemAssert.IsProblem(tooMany, HttpStatusCode.BadRequest, "validation")).GetProperty("errors").GetProperty("entries")[0].GetString());
        var notAList = await user.Bearer.PutAsync("/api/lexicon", new StringContent("""{"grapheme":"x","alias":"y"}""", Encoding.UTF8, "application/json"));
        await ProblemAssert.IsProblem(notAList, HttpStatusCode.BadRequest, "request.malformed_body");
    }

    [Fact]
    public async Task Each_user_has_their_own_lexicon_and_a_browser_needs_its_csrf_token_to_change_it()
    {
        var ada = await ApiUser.CreateAsync(fixture.App);
        var bob = await ApiUser.CreateAsync(fixture.App);
        (await ada.Bearer.PutAsJsonAsync("/api/lexicon", new[] { new { grapheme = "Ada", alias = "ay da" } })).EnsureSuccessStatusCode();

        var withoutToken = await bob.Browser.PutAsJsonAsync("/api/lexicon", new[] { new { grapheme = "Bob", alias = "bobby" } });

        Assert.Equal(HttpStatusCode.Forbidden, withoutToken.StatusCode);
        Assert.Equal("[]", await bob.Bearer.GetStringAsync("/api/lexicon"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.App.CreateClient().GetAsync("/api/lexicon")).StatusCode);
    }

    private static async Task<string> CompletedAudioAsync(ApiUser user, string documentId)
    {
        var created = await user.Bearer.PostAsJsonAsync($"/api/documents/{documentId}/pages/1/audio", new { voice = "local:en-us" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal("completed", (await user.WaitForAudioAsync(id)).GetProperty("status").GetString());
        return id;
    }
}
