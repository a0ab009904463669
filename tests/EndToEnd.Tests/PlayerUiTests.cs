using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lector.EndToEnd;

/// <summary>The player bar: playing through pages without a gap, the sleep timer, keyboard shortcuts, "play from here" by pointer and keyboard.</summary>
[Collection(LectorAppCollection.Name)]
public sealed class PlayerUiTests(LectorAppFixture app)
{
    private const string LocalVoice = "local:en-us";

    /// <summary>Three pages, each a minute or so of speech.</summary>
    private static readonly string ThreePages = string.Join("\n\n", Enumerable.Range(1, 3).Select(p =>
        $"Page {p}. " + string.Join(' ', Enumerable.Range(1, 25).Select(s => $"Sentence {s} of page {p} is long enough to take a few seconds to say."))));

    private const string FirstPage = "Sentence 25 of page 1 is long enough";

    public static TheoryData<int, int> Viewports => new() { { 1280, 900 }, { 390, 844 } };

    /// <summary>Keeps, in the page, every `ended` and `playing` of the page's audio elements with its time.</summary>
    private const string RecordAudioEvents =
        """
        () => {
          window.__audioEvents = [];
          for (const type of ['ended', 'playing'])
            document.addEventListener(type, (e) => window.__audioEvents.push({ type, at: performance.now() }), true);
        }
        """;

    [Theory]
    [MemberData(nameof(Viewports))]
    public async Task Playing_through_three_pages_leaves_no_gap_longer_than_300_ms_in_a_bar_that_keeps_clear_of_the_text(int width, int height)
    {
        await using var session = await BrowserSession.OpenAsync(app, new ViewportSize { Width = width, Height = height });
        await Axe.InstallAsync(session);
        var page = session.Page;
        await ReaderAudioUiTests.OpenReaderAsync(session, "Three pages", ThreePages, FirstPage);
        await Expect(page.Locator("#player-status")).ToHaveTextAsync("Page 1 of 3");
        Assert.Empty(await Axe.ViolationsAsync(page));
        await session.ChooseVoiceAsync(LocalVoice);
        await page.EvaluateAsync(RecordAudioEvents);

        await page.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();
        for (var number = 1; number <= 2; number++)
        {
            await Expect(page.Locator("#player-status")).ToHaveTextAsync($"Playing page {number} of 3", new() { Timeout = 60_000 });
            // The next page is asked for and buffered while this one plays; then this one is sent to its last half second.
            await page.WaitForFunctionAsync(
                "n => { const next = document.getElementById('player-next'); return next.dataset.page === String(n) && next.readyState >= 4; }",
                number + 1, new() { Timeout = 60_000 });
            await page.EvaluateAsync("() => { const a = document.getElementById('player'); a.currentTime = a.duration - 0.5; }");
            await Expect(page.Locator("#page-heading")).ToHaveTextAsync($"Page {number + 1}");
        }

        await Expect(page.Locator("#player-status")).ToHaveTextAsync("Playing page 3 of 3");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/pages/3$"));
        // The system's media controls (lock screen, headsets) say what plays.
        var media = await page.EvaluateAsync<string[]>("() => { const m = navigator.mediaSession.metadata; return [m.title, m.album, m.artist]; }");
        Assert.Equal(["Three pages", "Page 3 of 3"], media[..2]);
        Assert.NotEmpty(media[2]);
        var events = await page.EvaluateAsync<JsonElement>("() => window.__audioEvents");
        var ordered = events.EnumerateArray().Select(e => (Type: e.GetProperty("type").GetString(), At: e.GetProperty("at").GetDouble())).ToList();
        var gaps = ordered.Select((e, i) => (e, i)).Where(x => x.e.Type == "ended")
            .Select(x => ordered.Skip(x.i + 1).First(n => n.Type == "playing").At - x.e.At).ToList();
        Assert.Equal(2, gaps.Count);
        Assert.All(gaps, gap => Assert.InRange(gap, 0, 300));

        // At most a fifth of a phone's height, and the page scrolls clear of it.
        var bar = await page.Locator(".player-bar").BoundingBoxAsync();
        Assert.InRange(bar!.Height, 1, height * 0.2);
        var reserved = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.body).paddingBottom)");
        Assert.True(reserved >= bar.Height, $"The page keeps {reserved}px clear of a {bar.Height}px bar.");
        await session.ScreenshotAsync(app, $"player-{width}");
        Assert.Empty(await Axe.ViolationsAsync(page));
        await session.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task The_sleep_timer_pauses_playback_when_its_minutes_are_up()
    {
        await using var session = await BrowserSession.OpenAsync(app);
        var page = session.Page;
        await page.Clock.InstallAsync();
        await ReaderAudioUiTests.OpenReaderAsync(session, "Bedtime", ThreePages, FirstPage);
        await session.ChooseVoiceAsync(LocalVoice);
        await page.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();
        await session.WaitForPlaybackAsync();

        await page.GetByLabel("Sleep timer").SelectOptionAsync("5");
        await Expect(page.Locator("#sleep-remaining")).ToHaveTextAsync("in 5:00");
        await page.Clock.FastForwardAsync("04:00");
        await Expect(page.Locator("#sleep-remaining")).ToHaveTextAsync("in 1:00");
        Assert.False(await page.EvaluateAsync<bool>("() => document.getElementById('player').paused"));

        await page.Clock.FastForwardAsync("01:01");
        await page.WaitForFunctionAsync("() => document.getElementById('player').paused");
        await Expect(page.Locator("#player-status")).ToHaveTextAsync("The sleep timer paused playback.");
        await Expect(page.GetByLabel("Sleep timer")).ToHaveValueAsync("");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true })).ToBeVisibleAsync();

        // Or at the end of the page, in a document without chapters: the next page is not started.
        await page.GetByLabel("Sleep timer").SelectOptionAsync("End of page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();
        await session.WaitForPlaybackAsync();
        await page.EvaluateAsync("() => { const a = document.getElementById('player'); a.currentTime = a.duration - 0.3; }");
        await Expect(page.Locator("#player-status")).ToHaveTextAsync("The sleep timer stopped at the end of the page.");
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('player').ended"));
        await Expect(page.Locator("#page-heading")).ToHaveTextAsync("Page 1");
        await session.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Keyboard_shortcuts_play_skip_and_turn_pages_but_not_while_typing()
    {
        await using var session = await BrowserSession.OpenAsync(app);
        await Axe.InstallAsync(session);
        var page = session.Page;
        var keyboard = page.Keyboard;
        await ReaderAudioUiTests.OpenReaderAsync(session, "Shortcuts", ThreePages, FirstPage);
        await session.ChooseVoiceAsync(LocalVoice);
        await page.Locator("#page-heading").FocusAsync();

        await keyboard.PressAsync("Space");
        await session.WaitForPlaybackAsync();
        await keyboard.PressAsync("ArrowRight");
        await page.WaitForFunctionAsync("() => document.getElementById('player').currentTime >= 30");
        await keyboard.PressAsync("ArrowLeft");
        await page.WaitForFunctionAsync("() => { const t = document.getElementById('player').currentTime; return t >= 15 && t < 28; }");
        await keyboard.PressAsync("Space");
        await page.WaitForFunctionAsync("() => document.getElementById('player').paused");
        await Expect(page.Locator("#player-status")).ToHaveTextAsync("Paused on page 1 of 3");

        await keyboard.PressAsync("k");
        await Expect(page.Locator("#page-heading")).ToHaveTextAsync("Page 2");
        await keyboard.PressAsync("j");
        await Expect(page.Locator("#page-heading")).ToHaveTextAsync("Page 1");

        // With the focus left on a button of the bar, the arrows still skip.
        await page.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();
        await session.WaitForPlaybackAsync();
        await keyboard.PressAsync("ArrowRight");
        await page.WaitForFunctionAsync("() => document.getElementById('player').currentTime >= 30");
        await keyboard.PressAsync("Space");
        await page.WaitForFunctionAsync("() => document.getElementById('player').paused");

        // Listed where anyone can find them: the "?" key or the bar's button.
        await keyboard.PressAsync("?");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("Next page");
        await Expect(dialog).ToContainTextAsync("Play from the sentence chosen");
        await session.ScreenshotAsync(app, "shortcuts-dialog");
        Assert.Empty(await Axe.ViolationsAsync(page));
        await keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();

        // Typing in a field types.
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit text" }).ClickAsync();
        await page.GetByLabel("Text of page 1").PressAsync("k");
        await page.GetByLabel("Text of page 1").PressAsync("Space");
        await Expect(page.Locator("#page-heading")).ToHaveTextAsync("Page 1");
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('player').paused"));
        await session.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task A_page_that_cannot_be_made_says_why_and_plays_once_retried()
    {
        await using var session = await BrowserSession.OpenAsync(app);
        var page = session.Page;
        await ReaderAudioUiTests.OpenReaderAsync(session, "Refused", "Polly refuses this page the first time it is asked.");
        await session.ChooseVoiceAsync("polly:Joanna:neural");
        app.Polly.FailNext(1, 400, "TextLengthExceededException", outputFormat: "mp3");

        await page.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();

        var status = page.Locator("#player-status");
        await Expect(status).ToHaveAttributeAsync("data-state", "failed", new() { Timeout = 60_000 });
        await Expect(status).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Failed: no audio of page 1: .+"));
        await Expect(page.Locator("#audio-state")).ToHaveAttributeAsync("data-status", "failed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await session.WaitForPlaybackAsync();
        await Expect(status).ToHaveTextAsync("Playing page 1 of 1");
        await session.AssertNoViolationsAsync();
    }

    [Theory]
    [MemberData(nameof(Viewports))]
    public async Task Play_from_here_makes_the_audio_and_starts_at_the_sentence_tapped_with_the_highlight_following(int width, int height)
    {
        await using var session = await BrowserSession.OpenAsync(app, new ViewportSize { Width = width, Height = height });
        var page = session.Page;
        const string text = "The first sentence opens the page. A second one follows it. The third sentence is where listening starts. Then comes the last.";
        await ReaderAudioUiTests.OpenReaderAsync(session, "From here", text);
        await session.ChooseVoiceAsync(LocalVoice);
        await page.EvaluateAsync(
            """
            () => {
              window.__highlights = [];
              const text = document.getElementById('page-text');
              new MutationObserver(() => {
                const value = [...text.querySelectorAll('span.speaking')].map((s) => s.textContent).join('');
                if (value && window.__highlights.at(-1) !== value) window.__highlights.push(value);
              }).observe(text, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
            }
            """);
        await page.GetByLabel("Speed").SelectOptionAsync("0.5");

        // A tap on the word "where", in the middle of the third sentence.
        var point = await page.EvaluateAsync<JsonElement>(
            """
            () => {
              const walker = document.createTreeWalker(document.getElementById('page-text'), NodeFilter.SHOW_TEXT);
              while (walker.nextNode()) {
                const at = walker.currentNode.data.indexOf('where');
                if (at < 0) continue;
                walker.currentNode.parentElement.scrollIntoView({ block: 'center' });
                const range = document.createRange();
                range.setStart(walker.currentNode, at + 1);
                range.setEnd(walker.currentNode, at + 3);
                const box = range.getBoundingClientRect();
                return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
              }
              return null;
            }
            """);
        await page.Mouse.ClickAsync(point.GetProperty("x").GetSingle(), point.GetProperty("y").GetSingle());
        await session.WaitForPlaybackAsync();

        var third = text.IndexOf("The third", StringComparison.Ordinal);
        var (thirdStartsAt, fourthStartsAt) = await SentenceTimesAsync(page, third);
        var at = await page.EvaluateAsync<double>("() => document.getElementById('player').currentTime");
        Assert.InRange(at, thirdStartsAt - 0.05, fourthStartsAt);

        await page.WaitForFunctionAsync("() => window.__highlights.length >= 3");
        var highlights = await page.EvaluateAsync<string[]>("() => window.__highlights");
        var words = text[third..].Split(' ').Select(w => w.TrimEnd('.')).ToList();
        var order = highlights.Select(h => words.IndexOf(h.TrimEnd('.'))).ToList();
        Assert.True(order.All(i => i >= 0), $"Highlighted before the sentence tapped: {string.Join(" | ", highlights)}");
        Assert.True(order.Zip(order.Skip(1)).All(p => p.First < p.Second), $"The highlight did not follow the text: {string.Join(" | ", highlights)}");
        await session.ScreenshotAsync(app, $"play-from-here-{width}");
        await session.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task Keyboard_users_tab_to_the_text_choose_a_sentence_with_the_arrows_and_play_from_it()
    {
        await using var session = await BrowserSession.OpenAsync(app);
        var page = session.Page;
        var keyboard = page.Keyboard;
        const string text = "The first sentence opens the page. A second one follows it. The third sentence is where listening starts. Then comes the last.";
        await ReaderAudioUiTests.OpenReaderAsync(session, "From the keyboard", text);
        await session.ChooseVoiceAsync(LocalVoice);
        await page.GetByLabel("Speed").SelectOptionAsync("0.5");
        var announcer = page.Locator("#announcer");
        var pageText = page.GetByRole(AriaRole.Region, new() { Name = "Page text" });
        await Expect(pageText).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex("arrows choose one and Enter plays from it"));

        // One tab stop, reached from the page's heading with Tab alone.
        await page.Locator("#page-heading").FocusAsync();
        for (var presses = 0; presses < 12 && !await pageText.EvaluateAsync<bool>("e => e === document.activeElement"); presses++)
        {
            await keyboard.PressAsync("Tab");
        }

        await Expect(pageText).ToBeFocusedAsync();
        await keyboard.PressAsync("End");
        await Expect(announcer).ToHaveTextAsync("Sentence 4 of 4: Then comes the last.");
        await keyboard.PressAsync("Home");
        await Expect(announcer).ToHaveTextAsync("Sentence 1 of 4: The first sentence opens the page.");
        await keyboard.PressAsync("Escape");
        await Expect(announcer).ToHaveTextAsync("No sentence chosen.");
        Assert.Null(await ChosenAsync(page));
        for (var presses = 0; presses < 3; presses++)
        {
            await keyboard.PressAsync("ArrowDown");
        }

        await Expect(announcer).ToHaveTextAsync("Sentence 3 of 4: The third sentence is where listening starts.");
        Assert.Equal("The third sentence is where listening starts.", await ChosenAsync(page));
        await session.ScreenshotAsync(app, "play-from-here-keyboard");

        // Enter plays from there, as a click on it would: the page's audio is made and starts at the third sentence.
        await keyboard.PressAsync("Enter");
        await session.WaitForPlaybackAsync();
        var at = await page.EvaluateAsync<double>("() => document.getElementById('player').currentTime");
        var (thirdStartsAt, fourthStartsAt) = await SentenceTimesAsync(page, text.IndexOf("The third", StringComparison.Ordinal));
        Assert.InRange(at, thirdStartsAt - 0.05, fourthStartsAt);
        Assert.Null(await ChosenAsync(page));
        await Expect(pageText).ToBeFocusedAsync();

        // Nothing chosen, paused in the third: up goes to the one before it, and Space plays from there (not on from the third).
        await page.EvaluateAsync("() => document.getElementById('player').pause()");
        await Expect(page.Locator("#page-text span.speaking")).ToHaveCountAsync(1);
        await keyboard.PressAsync("ArrowUp");
        await Expect(announcer).ToHaveTextAsync("Sentence 2 of 4: A second one follows it.");
        var (secondStartsAt, _) = await SentenceTimesAsync(page, text.IndexOf("A second", StringComparison.Ordinal));
        await keyboard.PressAsync("Space");
        await page.WaitForFunctionAsync(
            "([from, to]) => { const a = document.getElementById('player'); return !a.paused && a.currentTime >= from && a.currentTime < to; }",
            new[] { secondStartsAt - 0.05, thirdStartsAt });

        // Elsewhere, Space is the player's again: it pauses.
        await page.Locator("#page-heading").FocusAsync();
        await keyboard.PressAsync("Space");
        await page.WaitForFunctionAsync("() => document.getElementById('player').paused");
        await session.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task A_sentence_chosen_out_of_sight_is_scrolled_into_view_clear_of_the_player_bar()
    {
        await using var session = await BrowserSession.OpenAsync(app, new ViewportSize { Width = 390, Height = 844 });
        var page = session.Page;
        await ReaderAudioUiTests.OpenReaderAsync(session, "Long page", ThreePages, FirstPage);
        await page.Locator("#page-text").FocusAsync();

        const string chosenInSight =
            """
            () => {
              const highlight = CSS.highlights.get('chosen-sentence');
              if (!highlight) return false;
              const box = [...highlight][0].getBoundingClientRect();
              return box.top >= 0 && box.bottom <= document.querySelector('.player-bar').getBoundingClientRect().top;
            }
            """;
        await page.Keyboard.PressAsync("End");
        await Expect(page.Locator("#announcer")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Sentence 26 of 26: Sentence 25 of page 1 "));
        await page.WaitForFunctionAsync(chosenInSight);
        await page.Keyboard.PressAsync("Home");
        await Expect(page.Locator("#announcer")).ToHaveTextAsync("Sentence 1 of 26: Page 1.");
        await page.WaitForFunctionAsync(chosenInSight);
        await session.AssertNoViolationsAsync();
    }

    /// <summary>The text of the sentence chosen in the page text (the CSS highlight drawn over it); null when none is.</summary>
    private static Task<string?> ChosenAsync(IPage page) =>
        page.EvaluateAsync<string?>("() => { const h = CSS.highlights.get('chosen-sentence'); return h ? [...h][0].toString() : null; }");

    /// <summary>
    /// When, in seconds, the sentence that starts at this character of the page text starts in the audio playing, and
    /// when the next one does (from the audio's sentence marks).
    /// </summary>
    private static async Task<(double Start, double Next)> SentenceTimesAsync(IPage page, int start)
    {
        var audioId = (await page.Locator("#download-audio").GetAttributeAsync("href"))!.Split('/')[3];
        var sentences = await page.EvaluateAsync<JsonElement>(
            "async id => (await (await fetch(`/api/audio/${id}/marks`)).json()).filter(m => m.type === 'sentence')", audioId);
        var starts = sentences.EnumerateArray().ToDictionary(m => m.GetProperty("start").GetInt32(), m => m.GetProperty("timeMs").GetDouble());
        Assert.True(starts.ContainsKey(start), $"No sentence mark starts at {start}: {sentences}");
        return (starts[start] / 1000, starts.Where(s => s.Key > start).Min(s => s.Value) / 1000);
    }
}
