using System.Text;
using UglyToad.PdfPig.Core;

namespace Lector.Grains.Ingestion;

/// <summary>
/// A line of a PDF page. Positions are in points along the page's text direction (<see cref="Left"/>,
/// <see cref="Right"/>) and across it (<see cref="Baseline"/>, larger is higher up). <see cref="Cells"/> holds the
/// line's parts where wide gaps separate them (table cells, a right-aligned page number), else the whole line.
/// </summary>
internal sealed record PdfLine(string Text, string[] Cells, double Baseline, double Left, double Right, double Size, bool Bold, bool InMargin);

/// <summary>
/// Reads a page's glyphs into lines in the order the page draws them, which is reading order for what typesetters,
/// word processors and browsers write. Linear in the glyphs: no layout analysis, so reading a long PDF costs little
/// more than PdfPig's parse of it. Glyphs of tagged artifacts (headers, footers, page numbers, watermarks marked as
/// not being content) and of private-use characters (icon glyphs) are left out, and so is text that runs another way
/// than most of the page's (a margin stamp turned on its side).
/// </summary>
internal static class PdfLines
{
    /// <summary>Lines in the top or bottom part of a page this large are candidates for page furniture.</summary>
    private const double MarginFraction = 0.12;

    /// <summary>A gap between letters wider than this many font sizes is a space.</summary>
    private const double WordGap = 0.15;

    /// <summary>A gap wider than this many font sizes separates cells (columns of a table, a right-aligned number).</summary>
    private const double CellGap = 1.5;

    /// <summary>A letter this far (in font sizes) above or below a line's baseline starts another line; sub- and superscripts stay.</summary>
    private const double LineShift = 0.5;

    public static List<PdfLine> Read(PdfGlyphPage page)
    {
        var glyphs = page.Glyphs;
        var lines = new List<PdfLine>();
        if (glyphs.Count == 0)
        {
            return lines;
        }

        var direction = DominantDirection(glyphs);
        var (dx, dy) = Unit(direction);
        var (nx, ny) = (-dy, dx);
        var (low, high) = Extent(page.Bounds, nx, ny);
        var margin = (high - low) * MarginFraction;
        var line = new LineBuilder();
        foreach (var glyph in glyphs)
        {
            var value = glyph.Value;
            if (glyph.Artifact || value.Length == 0 || DirectionOf(glyph) is { } other && other != direction)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                line.SpaceSeen();
                continue;
            }

            if (value.Length == 1 && char.GetUnicodeCategory(value[0]) == System.Globalization.UnicodeCategory.PrivateUse)
            {
                continue;
            }

            var along = (glyph.Start.X * dx) + (glyph.Start.Y * dy);
            var across = (glyph.Start.X * nx) + (glyph.Start.Y * ny);
            var end = (glyph.End.X * dx) + (glyph.End.Y * dy);
            var size = glyph.Size > 0 ? glyph.Size : 1;
            if (line.IsEmpty || !line.Continues(along, across, size))
            {
                line.Flush(lines, low + margin, high - margin);
                line.Start(across);
            }

            line.Add(value, along, end, across, size, glyph.Bold);
        }

        line.Flush(lines, low + margin, high - margin);
        return lines;
    }

    /// <summary>Which way a glyph's baseline runs: 0 right, 1 up, 2 left, 3 down; null for a glyph of no width.</summary>
    private static int? DirectionOf(PdfGlyph glyph)
    {
        var (x, y) = (glyph.End.X - glyph.Start.X, glyph.End.Y - glyph.Start.Y);
        if (Math.Abs(x) < 1e-9 && Math.Abs(y) < 1e-9)
        {
            return null;
        }

        return Math.Abs(x) >= Math.Abs(y) ? (x > 0 ? 0 : 2) : (y > 0 ? 1 : 3);
    }

    private static int DominantDirection(IReadOnlyList<PdfGlyph> glyphs)
    {
        Span<int> counts = stackalloc int[4];
        foreach (var glyph in glyphs)
        {
            if (DirectionOf(glyph) is { } direction)
            {
                counts[direction]++;
            }
        }

        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static (double X, double Y) Unit(int direction) => direction switch
    {
        1 => (0, 1),
        2 => (-1, 0),
        3 => (0, -1),
        _ => (1, 0),
    };

    /// <summary>The page's extent across the text direction.</summary>
    private static (double Low, double High) Extent(PdfRectangle box, double nx, double ny)
    {
        double[] projections =
        [
            (box.Left * nx) + (box.Bottom * ny), (box.Right * nx) + (box.Bottom * ny),
            (box.Left * nx) + (box.Top * ny), (box.Right * nx) + (box.Top * ny),
        ];
        return (projections.Min(), projections.Max());
    }

    /// <summary>The line being read: its text, cells and geometry so far.</summary>
    private sealed class LineBuilder
    {
        private readonly StringBuilder _text = new();
        private readonly List<string> _cells = [];
        private int _cellStart;
        private double _baseline;
        private double _left;
        private double _end;
        private double _size;
        private double _lastAlong;
        private char _lastChar;
        private int _letters;
        private int _boldLetters;
        private bool _spaceSeen;

        public bool IsEmpty => _letters == 0;

        public void Start(double baseline)
        {
            _baseline = baseline;
            _size = 0;
        }

        public void SpaceSeen() => _spaceSeen = !IsEmpty;

        /// <summary>True when a letter at this place belongs to this line: near its baseline, and not far back from where it ended.</summary>
        public bool Continues(double along, double across, double size)
        {
            var scale = Math.Max(size, _size);
            return Math.Abs(across - _baseline) <= LineShift * scale && along >= _end - scale;
        }

        public void Add(string value, double along, double end, double across, double size, bool bold)
        {
            if (!IsEmpty)
            {
                // A glyph drawn twice on the spot (a way of faking bold) is one letter.
                if (value.Length == 1 && value[0] == _lastChar && Math.Abs(along - _lastAlong) < 0.05 * size)
                {
                    return;
                }

                var gap = along - _end;
                if (gap > CellGap * size)
                {
                    EndCell();
                }
                else if (_spaceSeen || gap > WordGap * size)
                {
                    _text.Append(' ');
                }
            }
            else
            {
                _left = along;
                _end = end;
            }

            AppendExpanded(value);
            _spaceSeen = false;
            _lastAlong = along;
            _lastChar = value[^1];
            _end = Math.Max(_end, end);
            if (size > _size)
            {
                // The baseline is the one of the line's largest letters, not of a superscript that came first.
                _size = size;
                _baseline = across;
            }

            _letters++;
            if (bold)
            {
                _boldLetters++;
            }
        }

        public void Flush(List<PdfLine> lines, double bottomMargin, double topMargin)
        {
            if (IsEmpty)
            {
                return;
            }

            EndCell();
            var cells = _cells.ToArray();
            var text = cells.Length == 1 ? cells[0] : string.Join(' ', cells);
            var inMargin = _baseline > topMargin || _baseline + _size < bottomMargin;
            lines.Add(new PdfLine(text, cells, _baseline, _left, _end, _size, _boldLetters * 2 > _letters, inMargin));
            _text.Clear();
            _cells.Clear();
            _cellStart = 0;
            _letters = 0;
            _boldLetters = 0;
            _spaceSeen = false;
        }

        private void EndCell()
        {
            var cell = _text.ToString(_cellStart, _text.Length - _cellStart).Trim();
            if (cell.Length > 0)
            {
                _cells.Add(cell);
            }

            _cellStart = _text.Length;
        }

        /// <summary>Typographic ligatures become their letters, so "ﬁnd" is spoken and searched as "find".</summary>
        private void AppendExpanded(string value)
        {
            if (value.Length != 1 || value[0] is < '\uFB00' or > '\uFB06')
            {
                _text.Append(value);
                return;
            }

            _text.Append(value[0] switch
            {
                '\uFB00' => "ff",
                '\uFB01' => "fi",
                '\uFB02' => "fl",
                '\uFB03' => "ffi",
                '\uFB04' => "ffl",
                _ => "st",
            });
        }
    }
}
