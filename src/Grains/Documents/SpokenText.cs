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
        var added = new List<int>();
        var lineEnd = -1;
        for (var i = 0; i < pageText.Length; i++)
        {
            var c = pageText[i];
            if (c == '\n')
            {
                // The line's last visible character, if this line had one since the last break.
                lineEnd = lineEnd >= 0 ? lineEnd : LastVisible(text);
            }
            else if (!char.IsWhiteSpace(c) && lineEnd >= 0)
            {
                if (!EndsSentence(text, lineEnd))
                {
                    text.Insert(lineEnd + 1, '.');
                    added.Add(lineEnd + 1);
                }

                lineEnd = -1;
            }

            text.Append(c);
        }

        return new SpokenText(text.ToString(), [.. added]);
    }

    /// <summary>The offset in the page text of an offset in the spoken text (an added stop maps to where it was added).</summary>
    public int PageOffset(int spokenOffset)
    {
        var index = Array.BinarySearch(_added, spokenOffset);
        var addedBefore = index >= 0 ? index : ~index;
        return spokenOffset - addedBefore;
    }

    private static int LastVisible(StringBuilder text)
    {
        var i = text.Length - 1;
        while (i >= 0 && char.IsWhiteSpace(text[i]))
        {
            i--;
        }

        return i;
    }

    private static bool EndsSentence(StringBuilder text, int end)
    {
        var i = end;
        while (i > 0 && Closers.Contains(text[i], StringComparison.Ordinal))
        {
            i--;
        }

        return Ends.Contains(text[i], StringComparison.Ordinal);
    }
}
