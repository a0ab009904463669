using System.Text.RegularExpressions;
using Lector.Abstractions.Documents;
using Lector.Grains.Documents;

namespace Lector.Grains.Tests.Ingestion;

/// <summary>The real documents in Corpus/ (the GPL v3 made by pandoc and Chromium) and word-level comparison helpers.</summary>
internal static partial class Corpus
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Corpus", name));

    /// <summary>The 19 level-1 headings of the Markdown source, in order.</summary>
    public static IReadOnlyList<string> MarkdownHeadings() =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Corpus", "gpl3.md")).Where(l => l.StartsWith("# ", StringComparison.Ordinal)).Select(l => l[2..].Trim())];

    public static IReadOnlyList<PageContent> Pages(string name, int maxCharacters = 3000) => Document(name, maxCharacters).Pages;

    /// <summary>The corpus file as Lector reads it: detected, parsed and paginated.</summary>
    public static PaginatedDocument Document(string name, int maxCharacters = 3000) => TestFiles.Read(Read(name), maxCharacters);

    /// <summary>Lower-case runs of letters and digits: punctuation, quotes and markup do not count.</summary>
    public static string[] Words(string text) => [.. WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value)];

    /// <summary>Share of <paramref name="reference"/>'s words found in <paramref name="actual"/> in the same order (longest common subsequence).</summary>
    public static double InOrderShare(string[] reference, string[] actual)
    {
        var previous = new int[actual.Length + 1];
        var current = new int[actual.Length + 1];
        foreach (var word in reference)
        {
            for (var j = 1; j <= actual.Length; j++)
            {
                current[j] = word == actual[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        return (double)previous[actual.Length] / reference.Length;
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}
