using System.Text.Json;
using Microsoft.Playwright;

namespace Lector.EndToEnd;

/// <summary>axe-core (from npm, see package.json) run in the page against WCAG 2.0 and 2.1 A and AA.</summary>
public static class Accessibility
{
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException("axe-core is missing: run scripts/ensure-deps --test (npm ci in tests/EndToEnd.Tests), then build again.");
    });

    /// <summary>Fails with each violation (rule, impact, and the elements) found on the page as it is now.</summary>
    public static async Task AssertNoViolationsAsync(IPage page)
    {
        // Evaluated by the browser's debugging protocol, which the page's CSP does not govern (a script tag would be).
        await page.EvaluateAsync(AxeSource.Value);
        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))
              .violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
            """);
        var found = violations.EnumerateArray().Select(v => v.GetString()).ToList();
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }
}
