using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Lector.Grains.Ingestion;

/// <summary>
/// Groups a PDF page's lines into blocks, each read as a unit that ends its own sentence: paragraphs (lines joined,
/// words split by a line-end hyphen made whole again), headings (a change of size or weight, or extra space around
/// them), list items, contents entries (title and page number, their dot leaders dropped) and table rows (cells
/// apart by wide gaps; consecutive rows make one table).
/// </summary>
internal static partial class PdfBlocks
{
    /// <summary>A line this much larger than the document's body text is shown as a heading.</summary>
    private const double HeadingScale = 1.15;

    public static List<TextBlock> Build(IReadOnlyList<PdfLine> lines, HashSet<string> knownWords, double bodySize)
    {
        var blocks = new List<TextBlock>();
        var spacing = LineSpacing(lines);
        var paragraph = new List<PdfLine>();
        var rows = new List<IReadOnlyList<string>>();
        PdfLine? previous = null;
        foreach (var line in lines)
        {
            var contents = IsContentsEntry(line.Text, out _, out _);
            if (line.Cells.Length > 1 && !contents)
            {
                AddParagraph();
                rows.Add(line.Cells);
                previous = line;
                continue;
            }

            AddRows();
            if (paragraph.Count > 0 && StartsBlock(line, previous!, paragraph, spacing))
            {
                AddParagraph();
            }

            paragraph.Add(line);
            if (contents)
            {
                AddParagraph();
            }

            previous = line;
        }

        AddParagraph();
        AddRows();
        return blocks;

        void AddParagraph()
        {
            if (paragraph.Count > 0)
            {
                blocks.Add(Paragraph(paragraph, knownWords, bodySize));
                paragraph.Clear();
            }
        }

        void AddRows()
        {
            if (rows.Count > 0)
            {
                blocks.Add(TextBlock.Table([.. rows]));
                rows.Clear();
            }
        }
    }

    /// <summary>
    /// Every word of a line, lower case, to tell a split word ("licen-se") from a hyphenated compound ("third-party").
    /// Words are looked up as spans, so only a word not seen before costs an allocation.
    /// </summary>
    public static void CollectWords(string text, HashSet<string> words)
    {
        var lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> lower = stackalloc char[64];
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetter(text[i]) || (text[i] == '-' && start >= 0 && i + 1 < text.Length && char.IsLetter(text[i + 1])));
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var word = text.AsSpan(start, i - start);
                if (word.Length <= lower.Length)
                {
                    var length = word.ToLowerInvariant(lower);
                    lookup.Add(lower[..length]);
                }

                start = -1;
            }
        }
    }

    /// <summary>Whether <paramref name="line"/> starts a block after <paramref name="previous"/>, the last line of <paramref name="block"/>.</summary>
    private static bool StartsBlock(PdfLine line, PdfLine previous, List<PdfLine> block, double spacing)
    {
        var size = Math.Max(line.Size, previous.Size);
        var drop = previous.Baseline - line.Baseline;
        if (ListItem().IsMatch(line.Text)
            || Math.Abs(line.Size - previous.Size) > 0.15 * size
            || line.Bold != previous.Bold
            || drop < 0.5 * line.Size
            || drop > spacing * 1.4 * size
            || line.Left > previous.Right
            || line.Right < previous.Left)
        {
            return true;
        }

        // A paragraph ended: its last line stops short of the others, or the next line is indented.
        return EndsSentence(previous.Text)
            && (previous.Right < block.Max(l => l.Right) - (2 * size) || line.Left > previous.Left + (0.7 * size));
    }

    /// <summary>
    /// The usual leading of the page's text: the distance between consecutive baselines in font sizes (about 1.2),
    /// taken low (the first quartile), since the gaps around headings and paragraphs are what it must tell apart.
    /// </summary>
    private static double LineSpacing(IReadOnlyList<PdfLine> lines)
    {
        var leadings = new List<double>();
        for (var i = 1; i < lines.Count; i++)
        {
            var size = Math.Max(lines[i].Size, lines[i - 1].Size);
            var leading = (lines[i - 1].Baseline - lines[i].Baseline) / size;
            if (leading is > 0.8 and < 3)
            {
                leadings.Add(leading);
            }
        }

        if (leadings.Count == 0)
        {
            return 1.2;
        }

        leadings.Sort();
        return leadings[leadings.Count / 4];
    }

    private static TextBlock Paragraph(List<PdfLine> lines, HashSet<string> knownWords, double bodySize)
    {
        var text = JoinLines(lines.Select((l, i) => i == 0 ? Bullet().Replace(l.Text, "") : l.Text), knownWords);
        if (IsContentsEntry(text, out var title, out var page))
        {
            // A contents entry is said as its title and page; its leaders would be a train of pauses.
            text = $"{title}, {page}";
        }

        var encoded = WebUtility.HtmlEncode(text);
        var heading = lines.Average(l => l.Size) >= HeadingScale * bodySize;
        return new TextBlock(text, heading ? $"<h2>{encoded}</h2>" : $"<p>{encoded}</p>");
    }

    private static string JoinLines(IEnumerable<string> lines, HashSet<string> knownWords)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            if (text.Length == 0)
            {
                text.Append(line);
                continue;
            }

            if (text[^1] == '\u00AD')
            {
                text.Length--;
            }
            else if (text[^1] == '-' && text.Length > 1 && char.IsLetter(text[^2]) && line.Length > 0 && char.IsLetter(line[0]))
            {
                if (JoinsHyphenatedWord(text, line, knownWords))
                {
                    text.Length--;
                }
            }
            else
            {
                text.Append(' ');
            }

            text.Append(line);
        }

        return text.ToString();
    }

    /// <summary>True when a line-end hyphen split one word: the joined word occurs in the document, or the hyphenated one does not and the next line goes on in lower case.</summary>
    private static bool JoinsHyphenatedWord(StringBuilder text, string nextLine, HashSet<string> knownWords)
    {
        var start = text.Length - 1;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }

        var head = text.ToString(start, text.Length - 1 - start).ToLowerInvariant();
        var tail = WordPattern().Match(nextLine).Value.ToLowerInvariant();
        if (knownWords.Contains(head + tail))
        {
            return true;
        }

        return !knownWords.Contains($"{head}-{tail}") && char.IsLower(nextLine[0]);
    }

    /// <summary>
    /// "2.1 Getting started . . . . 14", "Preface ......... vii": a title with a letter in it, a run of at least three
    /// leader dots (or two ellipses), a page number. Read from the end, in one pass: a pattern with a lazy title
    /// cost quadratic time on every line of a document.
    /// </summary>
    private static bool IsContentsEntry(string text, out string title, out string page)
    {
        title = page = "";
        var end = text.Length;
        var start = end;
        while (start > 0 && char.IsAsciiLetterOrDigit(text[start - 1]))
        {
            start--;
        }

        var number = text.AsSpan(start, end - start);
        if (number.IsEmpty || !((number.Length <= 5 && !number.ContainsAnyExceptInRange('0', '9')) || RomanNumeral().IsMatch(number)))
        {
            return false;
        }

        var leaders = start;
        int dots = 0, ellipses = 0;
        for (; leaders > 0; leaders--)
        {
            var c = text[leaders - 1];
            if (c is '.' or '·' or '∙' or '_')
            {
                dots++;
            }
            else if (c == '…')
            {
                ellipses++;
            }
            else if (!char.IsWhiteSpace(c))
            {
                break;
            }
        }

        var head = text.AsSpan(0, leaders).TrimEnd();
        if ((dots < 3 && ellipses < 2) || !ContainsLetter(head))
        {
            return false;
        }

        title = head.ToString();
        page = number.ToString();
        return true;
    }

    private static bool ContainsLetter(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a line ends a sentence or a clause: with . ! ? : or …, maybe inside quotes or brackets.</summary>
    private static bool EndsSentence(string text)
    {
        var i = text.Length - 1;
        while (i > 0 && text[i] is '"' or '\'' or '”' or '’' or ')' or ']')
        {
            i--;
        }

        return i >= 0 && text[i] is '.' or '!' or '?' or ':' or '…';
    }

    /// <summary>A list item's start: a bullet or dash, or a number or letter with a period or parenthesis ("1.", "a)", "(iv)").</summary>
    [GeneratedRegex(@"^(?:[•◦▪▫‣∙●○■□◆◇►▸✓✔*\-–—]\s|\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]\s)", RegexOptions.CultureInvariant)]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^[•◦▪▫‣∙●○■□◆◇►▸✓✔]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^(?=[ivxlcdm])m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RomanNumeral();

    [GeneratedRegex(@"\p{L}+(-\p{L}+)*")]
    private static partial Regex WordPattern();
}
