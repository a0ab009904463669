using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lector.EndToEnd;

/// <summary>The reader's voice preview and the highlighting of the word being spoken.</summary>
[Collection(LectorAppCollection.Name)]
public sealed class ReaderAudioUiTests(LectorAppFixture app)
{
    /// <summary>Served by the Polly fake, which gives a word mark every 250 ms of its audio.</summary>
    private const string PollyVoice = "polly:Joanna:neural";

    private const string LocalVoice = "local:en-us";

    private const string FestivalVoice = "festival:en-us-slt";

    /// <summary>
    /// Keeps, in the page, each text highlighted in the page text (when it changes) and the most spans lit at once,
    /// so changes that come and go between two polls of the test are not missed.
    /// </summary>
    internal const string RecordHighlights =
        """
        () => {
          window.__highlights = [];
          window.__mostLitAtOnce = 0;
          const text = document.getElementById('page-text');
          new MutationObserver(() => {
            const lit = [...text.querySelectorAll('span.speaking')];
            window.__mostLitAtOnce = Math.max(window.__mostLitAtOnce, lit.length);
            const value = lit.map((span) => span.textContent).join('');
            if (value && window.__highlights.at(-1) !== value) window.__highlights.push(value);
          }).observe(text, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
        }
        """;

    /// <summary>Polly gives its marks; Festival's are read from its utterances; espeak-ng's are measured from its pauses.</summary>
    [Theory]
    [InlineData(PollyVoice)]
    [InlineData(LocalVoice)]
    [InlineData(FestivalVoice)]
    public async Task The_word_being_spoken_is_highlighted_and_moves_on_as_audio_with_speech_marks_plays(string voice)
    {
        await using var session = await BrowserSession.OpenAsync(app);
        var page = session.Page;
        const string text = "Marks follow the voice. Every word lights up when it is spoken.";
        await OpenReaderAsync(session, "Marked text", text);
        await page.EvaluateAsync(RecordHighlights);
        await session.ChooseVoiceAsync(voice);

        // Half speed: a word every half second, so each one outlasts the player's time updates.
        await page.GetByLabel("Speed").SelectOptionAsync("0.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();
        await Expect(page.Locator("#audio-state")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 60_000 });
        await session.WaitForPlaybackAsync();

        await page.WaitForFunctionAsync("() => window.__highlights.length >= 3");
        // Polly's fake marks take in the full stop after a word; the others mark the word alone.
        var highlights = (await page.EvaluateAsync<string[]>("() => window.__highlights")).Select(h => h.TrimEnd('.')).ToList();
        var words = text.Split(' ').Select(w => w.TrimEnd('.')).ToList();
        var order = highlights.Select(h => words.IndexOf(h)).ToList();
        Assert.True(order.All(i => i >= 0), $"Highlighted text that is not one word of the page: {string.Join(" | ", highlights)}");
        Assert.True(order.Zip(order.Skip(1)).All(p => p.First < p.Second), $"The highlight did not follow the text: {string.Join(" | ", highlights)}");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__mostLitAtOnce"));
        await Expect(page.Locator("#page-text")).ToHaveTextAsync(text);
        await session.ScreenshotAsync(app, $"reader-highlight-{voice.Split(':')[0]}");
        await session.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Festival_is_the_voice_chosen_for_an_english_document_until_the_reader_picks_another()
    {
        await using var session = await BrowserSession.OpenAsync(app);
        var page = session.Page;
        await OpenReaderAsync(session, "English text", "This page is in English, so the most natural English voice reads it.");

        await Expect(page.Locator("#voice")).ToHaveAttributeAsync("data-voice", FestivalVoice);

        await session.ChooseVoiceAsync(LocalVoice);
        await page.ReloadAsync();
        await Expect(page.Locator("#voice")).ToHaveAttributeAsync("data-voice", LocalVoice);
        await session.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Words_inside_emphasis_and_links_are_highlighted_in_place_and_the_formatting_stays()
    {
        await using var session = await BrowserSession.OpenAsync(app);
        var page = session.Page;
        await session.SignUpAsync();
        await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload
        {
            Name = "formatted.md",
            MimeType = "text/markdown",
            Buffer = System.Text.Encoding.UTF8.GetBytes("Read *this* and [that](https://example.com/) now.\n\nA second paragraph follows here.\n"),
        });
        await Expect(page.Locator("li.document")).ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 60_000 });
        await page.Locator("li.document a.document-title").ClickAsync();
        await Expect(page.Locator("#page-text em")).ToHaveTextAsync("this");
        await session.ChooseVoiceAsync(PollyVoice);
        await page.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();
        await session.WaitForPlaybackAsync();
        await Expect(page.Locator("#page-text span.spoken")).Not.ToHaveCountAsync(0);
        await page.EvaluateAsync("() => document.getElementById('player').pause()");

        // Word marks are 250 ms apart: "this" is the second word, "that" the fourth.
        await SeekAsync(page, 0.3);
        await Expect(page.Locator("#page-text span.speaking")).ToHaveTextAsync("this");
        await Expect(page.Locator("#page-text em > span.speaking")).ToHaveCountAsync(1);
        await SeekAsync(page, 0.8);
        await Expect(page.Locator("#page-text a[href='https://example.com/'] > span.speaking")).ToHaveTextAsync("that");
        await Expect(page.Locator("#page-text span.speaking")).ToHaveCountAsync(1);
        await Expect(page.Locator("#page-text p")).ToHaveCountAsync(2);
        await session.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Audio_without_speech_marks_plays_with_nothing_highlighted_and_no_error()
    {
        await using var session = await BrowserSession.OpenAsync(app);
        var page = session.Page;
        await OpenReaderAsync(session, "Unmarked text", "Polly refuses the marks of this page. It is read aloud without any highlighting at all.");
        await page.EvaluateAsync(RecordHighlights);
        await session.ChooseVoiceAsync(PollyVoice);

        // Polly refusing marks (as it does for some voices and engines) leaves audio without them.
        app.Polly.FailNext(1, 400, "ValidationException", outputFormat: "json");
        var marks = page.WaitForResponseAsync(r => r.Url.EndsWith("/marks", StringComparison.Ordinal));

        await page.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();

        Assert.Equal(404, (await marks).Status);
        await session.WaitForPlaybackAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('player').currentTime > 1");
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__highlights"));
        await Expect(page.Locator("#page-text .spoken")).ToHaveCountAsync(0);
        await Expect(page.Locator("#audio-state")).ToHaveAttributeAsync("data-status", "completed");
        await Expect(page.Locator("#audio-state")).ToContainTextAsync("Audio ready");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await session.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Each_voice_can_be_previewed_from_the_keyboard_or_the_mouse()
    {
        await using var session = await BrowserSession.OpenAsync(app);
        var page = session.Page;
        await OpenReaderAsync(session, "Preview", "A page to choose a voice for.");
        var preview = page.Locator("#preview-voice");

        // Keyboard: the preview button comes right after the voice picker and names the chosen voice.
        await session.ChooseVoiceAsync(LocalVoice);
        await page.Locator("#voice").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(preview).ToBeFocusedAsync();
        await Expect(preview).ToHaveAttributeAsync("aria-label", "Preview English (America), English (United States), eSpeak NG");
        await page.Keyboard.PressAsync("Enter");
        await WaitForPreviewAsync(page, "/api/voices/local%3Aen-us/preview");

        // Mouse, another engine: the button follows the chosen voice.
        await session.ChooseVoiceAsync(PollyVoice);
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview Joanna (neural), English (United States), Amazon Polly" }).ClickAsync();
        await WaitForPreviewAsync(page, "/api/voices/polly%3AJoanna%3Aneural/preview");
        await session.AssertNoViolationsAsync();
    }

    /// <summary>Signs up, adds the text as a document and opens it in the reader, which shows the text (or its first page, given).</summary>
    internal static async Task OpenReaderAsync(BrowserSession session, string title, string text, string? firstPage = null)
    {
        await session.SignUpAsync();
        await session.AddTextAndOpenAsync(title, text);
        await Expect(session.Page.Locator("#page-text")).ToContainTextAsync(firstPage ?? text);
    }

    private static Task SeekAsync(IPage page, double seconds) =>
        page.EvaluateAsync("s => { document.getElementById('player').currentTime = s; }", seconds);

    /// <summary>Waits until the preview element plays the preview at that path: its clock has moved past zero.</summary>
    private static Task WaitForPreviewAsync(IPage page, string path) =>
        page.WaitForFunctionAsync(
            "path => { const a = document.getElementById('voice-preview'); return a && a.src.endsWith(path) && !a.paused && a.currentTime > 0; }",
            path);
}
