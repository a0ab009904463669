using System.Globalization;
using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Parser.Parts;
using UglyToad.PdfPig.Tokenization.Scanner;
using UglyToad.PdfPig.Tokens;

namespace Lector.Grains.Ingestion;

/// <summary>
/// The printed page labels of a PDF (ISO 32000-1, 12.4.2): the catalog's <c>/PageLabels</c> number tree maps the
/// first page of each range to its style (decimal, upper or lower roman, upper or lower letters, or none), prefix
/// and first number, so page 1 may be "i" and page 9 "1", or "A-1". PdfPig does not read them.
/// </summary>
internal static class PdfPageLabels
{
    /// <summary>Deeper or larger trees are damaged or hostile (a kid listed many times over is a tree of exponential size); labels are a nicety, so they are then left out.</summary>
    private const int MaxDepth = 16;

    /// <summary>Most nodes and ranges read, all told.</summary>
    private const int MaxEntries = 10_000;

    /// <summary>Labels are short ("A-12"); a longer prefix is cut, so a hostile one cannot multiply by the page count.</summary>
    private const int MaxPrefixLength = 32;

    private static readonly NameToken PageLabels = NameToken.Create("PageLabels");
    private static readonly NameToken Nums = NameToken.Create("Nums");
    private static readonly NameToken Kids = NameToken.Create("Kids");
    private static readonly NameToken Style = NameToken.Create("S");
    private static readonly NameToken Prefix = NameToken.Create("P");
    private static readonly NameToken Start = NameToken.Create("St");

    /// <summary>The label of each page (index 0 is page 1), or null when the document has none.</summary>
    public static string?[]? Read(PdfDocument pdf)
    {
        var scanner = pdf.Structure.TokenScanner;
        if (!pdf.Structure.Catalog.CatalogDictionary.TryGet(PageLabels, scanner, out DictionaryToken? root))
        {
            return null;
        }

        var ranges = new SortedDictionary<int, DictionaryToken>();
        var budget = MaxEntries;
        if (!Collect(root!, scanner, ranges, 0, ref budget) || ranges.Count == 0)
        {
            return null;
        }

        var labels = new string?[pdf.NumberOfPages];
        var starts = ranges.Keys.ToList();
        for (var r = 0; r < starts.Count; r++)
        {
            var first = Math.Max(starts[r], 0);
            var end = r + 1 < starts.Count ? Math.Min(starts[r + 1], labels.Length) : labels.Length;
            var range = ranges[starts[r]];
            var style = range.TryGet(Style, scanner, out NameToken? styleName) ? styleName!.Data : null;
            var prefix = range.TryGet(Prefix, scanner, out StringToken? prefixText) ? prefixText!.Data[..Math.Min(prefixText.Data.Length, MaxPrefixLength)] : "";
            var number = range.TryGet(Start, scanner, out NumericToken? startNumber) ? Math.Max(1, startNumber!.Int) : 1;
            for (var page = first; page < end; page++, number++)
            {
                var label = prefix + Format(style, number);
                labels[page] = label.Length > 0 ? label : null;
            }
        }

        return labels;
    }

    private static bool Collect(DictionaryToken node, IPdfTokenScanner scanner, SortedDictionary<int, DictionaryToken> ranges, int depth, ref int budget)
    {
        if (depth > MaxDepth || --budget < 0)
        {
            return false;
        }

        if (node.TryGet(Nums, scanner, out ArrayToken? nums))
        {
            for (var i = 0; i + 1 < nums!.Length; i += 2)
            {
                if (--budget < 0)
                {
                    return false;
                }

                if (DirectObjectFinder.TryGet(nums[i], scanner, out NumericToken? key) && DirectObjectFinder.TryGet(nums[i + 1], scanner, out DictionaryToken? value))
                {
                    ranges[key!.Int] = value!;
                }
            }
        }

        if (node.TryGet(Kids, scanner, out ArrayToken? kids))
        {
            foreach (var kid in kids!.Data)
            {
                if (DirectObjectFinder.TryGet(kid, scanner, out DictionaryToken? child) && !Collect(child!, scanner, ranges, depth + 1, ref budget))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static string Format(string? style, int number) => style switch
    {
        "D" => number.ToString(CultureInfo.InvariantCulture),
        "R" => Roman(number),
        "r" => Roman(number).ToLowerInvariant(),
        "A" => Letters(number),
        "a" => Letters(number).ToLowerInvariant(),
        _ => "",
    };

    /// <summary>Roman numerals up to 3999; beyond them the number in digits.</summary>
    private static string Roman(int number)
    {
        if (number > 3999)
        {
            return number.ToString(CultureInfo.InvariantCulture);
        }

        ReadOnlySpan<int> values = [1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1];
        string[] numerals = ["M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"];
        var roman = new StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            for (; number >= values[i]; number -= values[i])
            {
                roman.Append(numerals[i]);
            }
        }

        return roman.ToString();
    }

    /// <summary>A to Z, then AA to ZZ, then AAA and so on (the letter repeated), as the PDF standard numbers with letters.</summary>
    private static string Letters(int number) =>
        number is < 1 or > 26 * 100 ? number.ToString(CultureInfo.InvariantCulture) : new string((char)('A' + ((number - 1) % 26)), ((number - 1) / 26) + 1);
}
