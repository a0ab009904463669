using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lector.EndToEnd;

/// <summary>The reader as the document's language shapes it: voices offered first, what is spoken, and the owner's details dialog.</summary>
[Collection(LectorAppCollection.Name)]
public sealed class ReaderDetailsUiTests(LectorAppFixture app)
{
    private const string SpanishText =
        "El libro cuesta 3,50 € y la editorial lo vende en todas las librerías de la ciudad desde el lunes por la mañana.";

    [Fact]
    public async Task A_spanish_document_offers_spanish_voices_first_shows_what_is_spoken_and_its_owner_can_change_title_and_language()
    {
        await using var session = await BrowserSession.OpenAsync(app);
        var page = session.Page;
        await session.SignUpAsync();
        await page.GetByLabel("Title").FillAsync("Librería");
        await page.GetByLabel("Text").FillAsync(SpanishText);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add text" }).ClickAsync();
        await Expect(page.Locator("li.document")).ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 60_000 });
        await page.Locator("li.document a.document-title").ClickAsync();
        await Expect(page.Locator("#page-text")).ToContainTextAsync(SpanishText);

        Assert.StartsWith("es", await ChosenVoiceLanguageAsync(page), StringComparison.Ordinal);
        await Expect(await FirstVoiceGroupAsync(page)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Spanish"));
        await page.Keyboard.PressAsync("Escape");

        await page.GetByText("What will be spoken").ClickAsync();
        var speech = page.Locator("#page-speech");
        await Expect(speech).ToBeVisibleAsync();
        await Expect(speech).ToContainTextAsync("euros");
        await Expect(speech).Not.ToContainTextAsync("€");
        await session.AssertNoViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Edit details" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Document details" });
        await Expect(dialog.GetByLabel("Language")).ToHaveValueAsync("es");
        await session.AssertNoViolationsAsync();
        await dialog.GetByLabel("Title").FillAsync("Bookshop");
        await dialog.GetByLabel("Language").SelectOptionAsync("en");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(dialog).Not.ToBeVisibleAsync();
        await Expect(page.Locator("#document-heading")).ToHaveTextAsync("Bookshop");
        await Expect(await FirstVoiceGroupAsync(page)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^English"));
        await page.Keyboard.PressAsync("Escape");
        Assert.StartsWith("en", await ChosenVoiceLanguageAsync(page), StringComparison.Ordinal);
        await session.ScreenshotAsync(app, "reader-details");
    }

    /// <summary>The language of the chosen voice, as <c>/api/voices</c> lists it.</summary>
    private static async Task<string> ChosenVoiceLanguageAsync(IPage page) =>
        await page.EvaluateAsync<string>(
            "async () => { const id = document.getElementById('voice').dataset.voice; const voices = await (await fetch('/api/voices')).json(); return voices.find(v => v.id === id).language; }");

    /// <summary>Opens the voice picker and gives the name of its first group of voices.</summary>
    private static async Task<ILocator> FirstVoiceGroupAsync(IPage page)
    {
        await page.Locator("#voice").ClickAsync();
        return page.GetByRole(AriaRole.Dialog, new() { Name = "Choose a voice" }).Locator("fieldset legend").First;
    }
}
