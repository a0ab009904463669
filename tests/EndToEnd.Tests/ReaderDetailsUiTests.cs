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
        Assert.StartsWith("Spanish (es)", await page.Locator("#voice optgroup").First.GetAttributeAsync("label"), StringComparison.Ordinal);

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
        await Expect(page.Locator("#voice optgroup").First).ToHaveAttributeAsync("label", new System.Text.RegularExpressions.Regex(@"\(en[-)]"));
        Assert.StartsWith("en", await ChosenVoiceLanguageAsync(page), StringComparison.Ordinal);
        await session.ScreenshotAsync(app, "reader-details");
    }

    /// <summary>The language in the label of the group of the chosen voice: "Spanish (es) · local" gives "es".</summary>
    private static async Task<string> ChosenVoiceLanguageAsync(IPage page)
    {
        var label = await page.EvaluateAsync<string>("() => document.getElementById('voice').selectedOptions[0].parentElement.label");
        var open = label.LastIndexOf('(');
        return label[(open + 1)..label.IndexOf(')', open)];
    }
}
