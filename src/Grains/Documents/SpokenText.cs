using System.Text;

namespace Lector.Grains.Documents;

/// <summary>
/// A page's text as it is spoken. Pages keep headings, list items, table cells and contents entries on lines of their
/// own (blocks apart by blank lines, cells and rows by line breaks); read aloud, each such line must end its own
/// sentence, or it runs into the next one without a pause. So every line followed by another ends with a full stop
/// unless it already ends a sentence or a clause. The added stops are the only difference, which lets positions in
/// the spoken text (speech marks) be mapped back to the page text.
/// </summary>
public sealed class SpokenText
{
    private const string Ends = ".!?…:;。！？";
    private const string Closers = "\"'”’»)]";

    /// <summary>Where the added stops are in <see cref="Text"/>, ascending.</summary>
    private readonly int[] _added;

    private SpokenText(string text, int[] added)
    {
        Text = text;
        _added = added;
    }

    public string Text { get; }

    /// <summary>True when there is anything to say: a letter or a digit.</summary>
    public bool HasWords => Text.Any(char.IsLetterOrDigit);

    public static SpokenText Of(string pageText)
    {
        var text = new StringBuilder(pageText.Length + 16);
        var whitespace = new StringBuilder();
        var added = new List<int>();
        var lineBroken = false;
        foreach (var c in pageText)
        {
            // Whitespace waits until the next visible character tells whether the line before it needs a stop.
            if (char.IsWhiteSpace(c))
            {
                whitespace.Append(c);
                lineBroken |= c == '\n';
                continue;
            }

            if (lineBroken && text.Length > 0 && !EndsSentence(text))
            {
                added.Add(text.Length);
                text.Append('.');
            }

            text.Append(whitespace).Append(c);
            whitespace.Clear();
            lineBroken = false;
        }

        return new SpokenText(text.Append(whitespace).ToString(), [.. added]);
    }

    /// <summary>The offset in the page text of an offset in the spoken text (an added stop maps to where it was added).</summary>
    public int PageOffset(int spokenOffset)
    {
        var index = Array.BinarySearch(_added, spokenOffset);
        var addedBefore = index >= 0 ? index : ~index;
        return spokenOffset - addedBefore;
    }

    private static bool EndsSentence(StringBuilder text)
    {
        var i = text.Length - 1;
        while (i > 0 && Closers.Contains(text[i], StringComparison.Ordinal))
        {
            i--;
        }

        return Ends.Contains(text[i], StringComparison.Ordinal);
    }
}
