using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lector.EndToEnd;

/// <summary>Two people in two browser contexts: the owner shares through the dialog, the reader gets a view-only copy.</summary>
[Collection(LectorAppCollection.Name)]
public sealed class SharingUiTests(LectorAppFixture app)
{
    [Fact]
    public async Task A_document_shared_for_viewing_is_listed_notified_playable_and_read_only()
    {
        await using var owner = await BrowserSession.OpenAsync(app);
        await using var reader = await BrowserSession.OpenAsync(app);
        var title = $"Shared notes {Guid.NewGuid():N}"[..20];
        await owner.SignUpAsync();
        var readerEmail = await reader.SignUpAsync();

        // The owner adds a text and synthesizes page 1, so there is audio the reader may play but not make.
        var ownerPage = owner.Page;
        await ownerPage.GetByLabel("Title").FillAsync(title);
        await ownerPage.GetByLabel("Text").FillAsync("Sharing a document lets a friend listen to it. They cannot change it.");
        await ownerPage.GetByRole(AriaRole.Button, new() { Name = "Add text" }).ClickAsync();
        await Expect(ownerPage.Locator("li.document")).ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 60_000 });
        await ownerPage.Locator("li.document a.document-title").ClickAsync();
        await Expect(ownerPage.Locator("#page-text")).ToContainTextAsync("Sharing a document");
        await owner.ChooseVoiceAsync("local:en-us");
        await ownerPage.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();
        await Expect(ownerPage.Locator("#audio-state")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 60_000 });

        // Share dialog: share, see the list, change the permission.
        await ownerPage.GetByRole(AriaRole.Button, new() { Name = "Share", Exact = true }).ClickAsync();
        var dialog = ownerPage.Locator("dialog.share-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.Locator(".share-list")).ToContainTextAsync("Not shared with anyone.");
        await dialog.GetByLabel("E-mail").FillAsync(readerEmail);
        await dialog.GetByLabel("Permission", new() { Exact = true }).SelectOptionAsync("collaborate");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Share", Exact = true }).ClickAsync();
        await Expect(dialog.Locator(".form-status")).ToHaveTextAsync($"Shared with {readerEmail}.");
        var access = dialog.GetByLabel($"Permission of {readerEmail}");
        await Expect(access).ToHaveValueAsync("collaborate");
        await access.SelectOptionAsync("view");
        await Expect(dialog.Locator(".form-status")).ToHaveTextAsync($"Changed access of {readerEmail}.");
        await Expect(dialog.Locator(".share-list li")).ToHaveCountAsync(1);
        await owner.ScreenshotAsync(app, "share-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        // The reader is told, and marks it read with the keyboard.
        var readerPage = reader.Page;
        await readerPage.GetByRole(AriaRole.Link, new() { Name = "Notifications" }).ClickAsync();
        var notification = readerPage.Locator("li.notification[data-kind='document.shared']");
        await Expect(notification).ToHaveCountAsync(1);
        await Expect(notification).ToContainTextAsync($"shared \"{title}\" with you");
        await Expect(notification).ToHaveClassAsync("notification unread");
        await notification.GetByRole(AriaRole.Button, new() { Name = "Mark read" }).FocusAsync();
        await readerPage.Keyboard.PressAsync("Enter");
        await Expect(notification).ToHaveClassAsync("notification read");
        await Expect(readerPage.Locator("#mark-all-read")).ToHaveCountAsync(0);

        // "Shared with me" lists it with the owner and the permission; the reader plays the owner's audio.
        await readerPage.GetByRole(AriaRole.Link, new() { Name = "Shared with me" }).ClickAsync();
        var shared = readerPage.Locator("li.document.shared");
        await Expect(shared).ToHaveCountAsync(1);
        await Expect(shared).ToContainTextAsync("From Test Reader");
        await Expect(shared).ToContainTextAsync("Can view");
        await shared.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(readerPage.Locator("#page-text")).ToContainTextAsync("Sharing a document lets a friend listen to it.");
        await reader.ChooseVoiceAsync("local:en-us");
        await Expect(readerPage.Locator("#audio-state")).ToHaveAttributeAsync("data-status", "completed");
        await readerPage.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();
        await reader.WaitForPlaybackAsync();

        // Playing from a sentence chosen with the keyboard, as from one tapped: in a voice without audio nothing is
        // asked for, in the owner's voice its audio plays.
        var audioRequests = new List<string>();
        readerPage.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/audio", StringComparison.Ordinal))
            {
                audioRequests.Add(request.Url);
            }
        };
        await reader.ChooseVoiceAsync("festival:en-us-slt");
        await readerPage.Locator("#page-text").FocusAsync();
        await readerPage.Keyboard.PressAsync("End");
        await readerPage.Keyboard.PressAsync("Enter");
        await Expect(readerPage.Locator("#player-status")).ToContainTextAsync("there is no audio of this page in this voice yet");
        await reader.ChooseVoiceAsync("local:en-us");
        await readerPage.Locator("#page-text").FocusAsync();
        await readerPage.Keyboard.PressAsync("End");
        await readerPage.Keyboard.PressAsync("Enter");
        await reader.WaitForPlaybackAsync();
        Assert.Empty(audioRequests);

        // No edit controls for `view`: nothing requests, retries, edits, deletes or shares.
        await Expect(readerPage.Locator("#make-audiobook")).ToBeHiddenAsync();
        await Expect(readerPage.Locator("#retry-audio")).ToBeHiddenAsync();
        await Expect(readerPage.Locator("#share")).ToHaveCountAsync(0);
        await Expect(readerPage.Locator("dialog.share-dialog")).ToHaveCountAsync(0);
        await Expect(readerPage.Locator("button.danger:visible")).ToHaveCountAsync(0);
        await Expect(readerPage.GetByRole(AriaRole.Button, new() { NameRegex = new("edit|delete|share|retry|make audiobook", System.Text.RegularExpressions.RegexOptions.IgnoreCase) }))
            .ToHaveCountAsync(0);

        // Revoked: the document leaves "Shared with me".
        await ownerPage.GetByRole(AriaRole.Button, new() { Name = "Share", Exact = true }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = $"Revoke access of {readerEmail}" }).ClickAsync();
        await Expect(dialog.Locator(".form-status")).ToHaveTextAsync($"Revoked access of {readerEmail}.");
        await Expect(dialog.Locator(".share-list")).ToContainTextAsync("Not shared with anyone.");
        await readerPage.GotoAsync("/#/shared");
        await Expect(readerPage.GetByText("Nothing has been shared with you yet.")).ToBeVisibleAsync();

        await owner.AssertNoViolationsAsync();
        await reader.AssertNoViolationsAsync();
    }
}
