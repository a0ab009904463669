using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Lector.EndToEnd;

[Collection(LectorAppCollection.Name)]
public sealed class AdminUiTests(LectorAppFixture app)
{
    [Fact]
    public async Task An_admin_opens_every_admin_view_and_saves_a_setting()
    {
        await using var session = await BrowserSession.OpenAsync(app);
        var page = session.Page;
        await session.SignUpAsync(LectorAppFixture.AdminEmail);

        await page.GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admin · Statistics", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".admin-stats dl.totals")).ToContainTextAsync("Documents");
        await Expect(page.Locator("figure.chart")).ToHaveCountAsync(2);

        var tabs = page.GetByRole(AriaRole.Navigation, new() { Name = "Admin sections" });
        await tabs.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admin · Audit log", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("table.admin-table tbody tr").First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify chain" }).ClickAsync();
        await Expect(page.Locator(".form-status")).ToContainTextAsync("The chain holds");

        await tabs.GetByRole(AriaRole.Link, new() { Name = "Failures" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admin · Failures", Level = 1 })).ToBeVisibleAsync();

        await tabs.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Admin · Settings", Level = 1 })).ToBeVisibleAsync();
        var retention = page.GetByLabel("Retention (days)");
        var changed = (int.Parse(await retention.InputValueAsync()) + 7).ToString();
        await retention.FillAsync(changed);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(page.Locator(".settings-form .form-status")).ToHaveTextAsync("Saved.");
        await session.ScreenshotAsync(app, "admin-settings");

        // Saved on the server, not just in the form: a fresh load shows it.
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Retention (days)")).ToHaveValueAsync(changed);
        await session.AssertNoViolationsAsync();
    }

    [Fact]
    public async Task An_admin_finds_a_persons_actions_by_e_mail_downloads_them_and_reads_the_charts_values_also_on_a_phone()
    {
        // A person who adds a document and listens to it, so the log has their actions and the statistics a synthesis.
        await using (var reader = await BrowserSession.OpenAsync(app))
        {
            var readerEmail = await reader.SignUpAsync();
            await reader.Page.GetByLabel("Title").FillAsync("Audited");
            await reader.Page.GetByLabel("Text").FillAsync("An audited document, read aloud once.");
            await reader.Page.GetByRole(AriaRole.Button, new() { Name = "Add text" }).ClickAsync();
            await Expect(reader.Page.Locator("li.document")).ToHaveAttributeAsync("data-status", "ready", new() { Timeout = 60_000 });
            await reader.Page.Locator("li.document a.document-title").ClickAsync();
            await reader.ChooseVoiceAsync("local:en-us");
            await reader.Page.GetByRole(AriaRole.Button, new() { Name = "Play", Exact = true }).ClickAsync();
            await Expect(reader.Page.Locator("#audio-state")).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 60_000 });
            _readerEmail = readerEmail;
        }

        await using var session = await BrowserSession.OpenAsync(app, new ViewportSize { Width = 390, Height = 844 });
        var page = session.Page;
        await session.SignUpAsync(LectorAppFixture.AdminEmail);
        await page.GotoAsync("/#/admin/stats");

        // The characters chart has a scale and the day's value written over its bar; other ranges regroup the days.
        var characters = page.Locator("figure.chart").First;
        await Expect(characters.Locator("text.tick")).ToHaveCountAsync(3);
        var value = await characters.Locator("text.value").Last.TextContentAsync();
        Assert.True(value is { Length: > 0 } && value != "0", $"no value over the bar: '{value}'");
        Assert.Equal(30, await characters.Locator("rect.bar").CountAsync());
        await page.GetByLabel("Range").SelectOptionAsync("week");
        await Expect(characters.Locator("rect.bar")).ToHaveCountAsync(12);
        await Expect(characters.Locator("text.value").Last).ToHaveTextAsync(value);
        await page.GetByLabel("Range").SelectOptionAsync("month");
        await Expect(characters.Locator("rect.bar")).ToHaveCountAsync(3);
        await session.ScreenshotAsync(app, "admin-stats-phone");
        await session.AssertNoViolationsAsync();

        // The log, filtered by the person's e-mail, shows only them, by e-mail.
        await page.GotoAsync("/#/admin/audit");
        await page.GetByLabel("E-mail").FillAsync(_readerEmail!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var who = page.Locator("table.admin-table td[data-label='Who']");
        await Expect(page.Locator("table.admin-table td[data-label='Action']", new() { HasTextString = "document.upload" })).ToHaveCountAsync(1);
        Assert.All(await who.AllTextContentsAsync(), text => Assert.Equal(_readerEmail, text));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "the audit log scrolls sideways on a phone");
        await session.ScreenshotAsync(app, "admin-audit-phone");
        await session.AssertNoViolationsAsync();

        // The export downloads: a JSON Lines file with the same person's entries only.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export (JSON Lines)" }).ClickAsync());
        Assert.EndsWith(".jsonl", download.SuggestedFilename, StringComparison.Ordinal);
        var lines = (await File.ReadAllLinesAsync((await download.PathAsync())!)).Where(l => l.Length > 0).ToList();
        var actors = lines.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("actorId").GetString()).Distinct().ToList();
        Assert.Single(actors);
        Assert.Contains(lines, l => l.Contains("\"document.upload\"", StringComparison.Ordinal));
        await Expect(page.Locator(".form-status")).ToContainTextAsync($"Exported {lines.Count} ");
    }

    private string? _readerEmail;
}
