namespace Lector.Grains.Speech;

/// <summary>
/// Where each position of a rewritten text came from in the text it was rewritten from, when the rewrite changes some
/// words and keeps the rest (a normalizer spelling out numbers and abbreviations): words are compared in order, a word
/// kept maps character by character, and a run of changed words maps proportionally onto the run it replaced. Speech
/// marks made on the rewritten text so still point at the words they speak in the original.
/// </summary>
public sealed class TextAlignment
{
    /// <summary>How far ahead in each text a resynchronization after a change is looked for, in words.</summary>
    private const int Lookahead = 24;

    /// <summary>Pairs of (rewritten, original) offsets at the edges of kept and changed runs, ascending in both.</summary>
    private readonly List<(int Rewritten, int Original)> _anchors = [];

    private TextAlignment()
    {
    }

    public static TextAlignment Between(string original, string rewritten)
    {
        var alignment = new TextAlignment();
        var from = Words(original);
        var to = Words(rewritten);
        int i = 0, j = 0;
        alignment._anchors.Add((0, 0));
        while (i < from.Count && j < to.Count)
        {
            if (Same(original, from[i], rewritten, to[j]))
            {
                alignment._anchors.Add((to[j].Start, from[i].Start));
                alignment._anchors.Add((to[j].End, from[i].End));
                i++;
                j++;
                continue;
            }

            // The nearest pair of equal words ahead (fewest words skipped in both) ends the changed run.
            var (skipFrom, skipTo) = Resynchronize(original, from, i, rewritten, to, j);
            i += skipFrom;
            j += skipTo;
        }

        alignment._anchors.Add((rewritten.Length, original.Length));
        return alignment;
    }

    /// <summary>The offset in the original of an offset in the rewritten text.</summary>
    public int OriginalOffset(int rewrittenOffset)
    {
        var index = _anchors.BinarySearch((rewrittenOffset, int.MaxValue), AnchorOrder.Instance);
        var next = index >= 0 ? index : ~index;
        if (next == 0)
        {
            return _anchors[0].Original;
        }

        if (next >= _anchors.Count)
        {
            return _anchors[^1].Original;
        }

        var (toStart, fromStart) = _anchors[next - 1];
        var (toEnd, fromEnd) = _anchors[next];
        if (toEnd == toStart)
        {
            return fromEnd;
        }

        // Within a kept word both runs have one length, so this is exact; within a changed run it is proportional.
        return fromStart + (int)((long)(rewrittenOffset - toStart) * (fromEnd - fromStart) / (toEnd - toStart));
    }

    private static (int From, int To) Resynchronize(string original, List<(int Start, int End)> from, int i, string rewritten, List<(int Start, int End)> to, int j)
    {
        for (var total = 1; total <= 2 * Lookahead; total++)
        {
            for (var a = Math.Max(0, total - Lookahead); a <= Math.Min(total, Lookahead); a++)
            {
                var b = total - a;
                if (i + a < from.Count && j + b < to.Count && Same(original, from[i + a], rewritten, to[j + b]))
                {
                    return (a, b);
                }
            }
        }

        // Nothing in reach: the rest is one changed run.
        return (from.Count - i, to.Count - j);
    }

    private static bool Same(string original, (int Start, int End) a, string rewritten, (int Start, int End) b) =>
        original.AsSpan(a.Start, a.End - a.Start).SequenceEqual(rewritten.AsSpan(b.Start, b.End - b.Start));

    private static List<(int Start, int End)> Words(string text)
    {
        var words = new List<(int, int)>();
        for (var i = 0; i < text.Length;)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            words.Add((start, i));
        }

        return words;
    }

    /// <summary>By rewritten offset; for equal offsets the searched key (original int.MaxValue) sorts after every anchor.</summary>
    private sealed class AnchorOrder : IComparer<(int Rewritten, int Original)>
    {
        public static readonly AnchorOrder Instance = new();

        public int Compare((int Rewritten, int Original) x, (int Rewritten, int Original) y) =>
            x.Rewritten != y.Rewritten ? x.Rewritten.CompareTo(y.Rewritten) : x.Original.CompareTo(y.Original);
    }
}
