using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lector.EndToEnd;

/// <summary>The reader's voice picker: grouped by language with human names, searchable, with previews, on a desktop and a phone.</summary>
[Collection(LectorAppCollection.Name)]
public sealed partial class VoicePickerUiTests(LectorAppFixture app)
{
    private const string Lancaster = "local:en-gb-x-gbclan";
    private const string Joanna = "polly:Joanna:neural";

    [Fact]
    public async Task Voices_are_grouped_by_language_with_human_names_searchable_and_the_readers_language_and_recent_voices_come_first()
    {
        // A reader in Britain: English (United Kingdom) is their language.
        await using var session = await BrowserSession.OpenAsync(app, locale: "en-GB");
        var page = session.Page;
        await OpenReaderAsync(session);
        var total = await page.EvaluateAsync<int>("async () => (await (await fetch('/api/voices')).json()).length");

        await page.Locator("#voice").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Choose a voice" });
        var search = dialog.GetByLabel("Search voices");
        await Expect(search).ToBeFocusedAsync();
        await Expect(dialog.Locator("#voice-count")).ToHaveTextAsync($"{total} voices");
        var groups = await dialog.Locator("fieldset legend").AllTextContentsAsync();
        Assert.Equal("English (United Kingdom)", groups[0]);
        Assert.True(groups.Count > 20 && groups.Count < total, $"{groups.Count} groups for {total} voices");
        // espeak-ng's British accents, one group (Festival's and Polly's American voices join espeak-ng's in another).
        Assert.Equal(
            ["local:en-gb", "local:en-gb-x-gbclan", "local:en-gb-x-rp", "local:en-gb-scotland", "local:en-gb-x-gbcwmd"],
            await ValuesAsync(dialog.Locator("fieldset").First));
        Assert.Equal(groups.Count, groups.Distinct().Count());
        Assert.DoesNotContain(groups, g => RawCode().IsMatch(g) || g.Contains('_'));
        // The document is in English, so English comes before every other language.
        Assert.All(groups.SkipWhile(g => g.StartsWith("English", StringComparison.Ordinal)), g => Assert.DoesNotMatch("^English", g));
        await Expect(dialog.Locator("input[name='voice-choice']:checked")).ToHaveValueAsync("festival:en-us-slt");

        // Search by name, by engine and gender, by code; empty groups go away.
        await search.FillAsync("lancaster");
        await Expect(dialog.Locator("#voice-count")).ToHaveTextAsync($"1 of {total} voices match.");
        var visible = dialog.Locator(".voice-option:visible");
        await Expect(visible).ToHaveCountAsync(1);
        await Expect(visible.Locator("label")).ToHaveTextAsync("English (Lancaster)eSpeak NG · gender unknown · en-gb-x-gbclan");
        await Expect(dialog.Locator("fieldset:visible legend")).ToHaveTextAsync(["English (United Kingdom)"]);
        await search.FillAsync("festival female");
        await Expect(visible.Locator("input")).ToHaveValueAsync("festival:en-us-slt");
        await search.FillAsync("chr-us");
        await Expect(dialog.Locator("fieldset:visible legend")).ToHaveTextAsync([new Regex("^Cherokee")]);
        await search.FillAsync("no such voice");
        await Expect(dialog.Locator("#voice-count")).ToHaveTextAsync("No voice matches.");

        // A sample plays before choosing; choosing closes the dialog.
        await search.FillAsync("lancaster");
        await visible.GetByRole(AriaRole.Button, new() { Name = "Play English (Lancaster)" }).ClickAsync();
        await page.WaitForFunctionAsync(
            "() => { const a = document.getElementById('voice-preview'); return a.src.endsWith('/api/voices/local%3Aen-gb-x-gbclan/preview') && !a.paused && a.currentTime > 0; }");
        await Expect(visible.Locator("input")).ToBeCheckedAsync();
        await session.ScreenshotAsync(app, "voice-picker-search");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Use this voice" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.Locator("#voice")).ToHaveAttributeAsync("data-voice", Lancaster);
        await Expect(page.Locator("#voice")).ToContainTextAsync("English (Lancaster) English (United Kingdom) · eSpeak NG");

        // The voices used last come first, the latest at the top, on this device from now on.
        await session.ChooseVoiceAsync(Joanna);
        await page.ReloadAsync();
        await Expect(page.Locator("#voice")).ToHaveAttributeAsync("data-voice", Joanna);
        await page.Locator("#voice").ClickAsync();
        await Expect(dialog.Locator("fieldset legend").First).ToHaveTextAsync("Recently used");
        Assert.Equal([Joanna, Lancaster], await ValuesAsync(dialog.Locator("fieldset").First));
        await Expect(dialog.Locator($"input[value='{Joanna}']")).ToHaveCountAsync(1);
        await session.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task On_a_phone_the_picker_fills_the_screen_and_works_from_the_keyboard()
    {
        await using var session = await BrowserSession.OpenAsync(app, new ViewportSize { Width = 390, Height = 844 });
        var page = session.Page;
        await OpenReaderAsync(session);
        var button = await page.Locator("#voice").BoundingBoxAsync();
        Assert.True(button is { Width: >= 250 }, $"the voice button is {button?.Width} px wide on a 390 px screen");
        await Expect(page.Locator("#voice")).ToContainTextAsync("SLT (HTS)");
        await session.ScreenshotAsync(app, "voice-picker-phone-closed");

        await page.Locator("#voice").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Choose a voice" });
        await Expect(dialog.GetByLabel("Search voices")).ToBeFocusedAsync();
        var box = await dialog.BoundingBoxAsync();
        Assert.True(box is { X: 0, Y: 0, Width: 390, Height: 844 }, $"the dialog covers {box?.X},{box?.Y} {box?.Width}x{box?.Height}");
        Assert.True(await dialog.Locator(".voice-list").EvaluateAsync<bool>("l => l.scrollWidth <= l.clientWidth"), "the voice list scrolls sideways");

        // Type, go down into the list, move to the next voice, take it with Enter.
        await page.Keyboard.TypeAsync("english america");
        var options = dialog.Locator(".voice-option:visible input");
        await Expect(options).Not.ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(options.First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        var second = await options.Nth(1).InputValueAsync();
        await Expect(options.Nth(1)).ToBeCheckedAsync();
        await session.ScreenshotAsync(app, "voice-picker-phone");
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.Locator("#voice")).ToHaveAttributeAsync("data-voice", second);
        await Expect(page.Locator("#voice")).ToBeFocusedAsync();

        // Escape leaves the choice as it was.
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.Locator("#voice")).ToHaveAttributeAsync("data-voice", second);
        await session.AssertNoViolationsAsync();
    }

    private static Task<string[]> ValuesAsync(ILocator group) =>
        group.Locator("input[name='voice-choice']").EvaluateAllAsync<string[]>("inputs => inputs.map(i => i.value)");

    private static async Task OpenReaderAsync(BrowserSession session)
    {
        await session.SignUpAsync();
        await session.AddTextAndOpenAsync("Voices", "A page in English, to choose the voice that reads it.");
    }

    /// <summary>A language tag as a name: "en-gb-x-gbclan", "chr-US-Qaaa-x-west".</summary>
    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]+)*$")]
    private static partial Regex RawCode();
}
