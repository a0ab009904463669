using System.Text;
using System.Text.RegularExpressions;
using Lector.Testing;

namespace Lector.Bench;

/// <summary>Text for benchmark documents, cut from the GPL in the shared corpus (real prose, not lorem ipsum).</summary>
public static partial class Corpus
{
    private static readonly Lazy<string[]> Words = new(() =>
        Spaces().Split(MarkdownMarks().Replace(File.ReadAllText(PathOf("gpl3.md")), " ")).Where(w => w.Length > 0).ToArray());

    public static string PathOf(string file) => Path.Combine(RepositoryPaths.Root, "tests", "Corpus", file);

    /// <summary>About <paramref name="characters"/> characters of prose, starting at a different word for each <paramref name="seed"/>.</summary>
    public static string Paragraph(int seed, int characters)
    {
        var words = Words.Value;
        var text = new StringBuilder();
        for (var i = seed * 37; text.Length < characters; i++)
        {
            text.Append(words[i % words.Length]).Append(' ');
        }

        return text.ToString().TrimEnd() + ".";
    }

    /// <summary>Paragraphs separated by blank lines; with paragraphs over half the page limit, each becomes one page.</summary>
    public static string Document(int paragraphs, int charactersEach) =>
        string.Join("\n\n", Enumerable.Range(0, paragraphs).Select(i => Paragraph(i, charactersEach)));

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[#*_`>\[\]()]")]
    private static partial Regex MarkdownMarks();
}
