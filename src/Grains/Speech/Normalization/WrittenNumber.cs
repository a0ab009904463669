using System.Globalization;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// A number as written in the text, read with the language's conventions: an integer (its grouping dropped), a
/// decimal, or a dotted sequence such as a version or an IP address ("1.2.3"). The other convention is understood
/// where it cannot be mistaken: "1,234.5" in Spanish text has one decimal comma less than Spanish would, so the
/// last mark is the decimal one; "1.5" in Spanish text can only be a decimal. What stays ambiguous ("1,5" in
/// English, a list of numbers perhaps) is not a number here, and is left as written.
/// </summary>
internal readonly record struct WrittenNumber(string Whole, string? Fraction, IReadOnlyList<string>? DottedParts)
{
    /// <summary>A number as a regex fragment: digits with ., comma or no-break space inside; atomic, so it never matches a shorter prefix.</summary>
    public const string Pattern = @"(?>\d+(?:[.,\u00A0]\d+)*)";

    /// <summary>The <see cref="Pattern"/> not inside a word or a longer number.</summary>
    public const string Standalone = @"(?<![\p{L}\p{N}_.,])" + Pattern;

    /// <summary>
    /// A <see cref="Standalone"/> number in group <c>number</c>, with a minus sign (group <c>minus</c>) where one
    /// starts a word: "-5", "(−3", and the en dash French typography sets for a minus ("–5 °C").
    /// </summary>
    public const string Signed = @"(?<minus>(?<![\p{L}\p{N}_.,)\]])[-−–])?(?<number>" + Standalone + ")";

    private static readonly char[] Separators = ['.', ',', '\u00A0'];

    public bool IsInteger => Fraction is null && DottedParts is null;

    public bool IsDecimal => Fraction is not null;

    /// <summary>The value of a whole number when it is small enough to write out.</summary>
    public long? IntegerValue => IsInteger && Whole.Length <= 15 ? long.Parse(Whole, CultureInfo.InvariantCulture) : null;

    /// <summary>The value, roughly (a double holds any length of digits), for choosing singular or plural.</summary>
    public double Value => double.Parse(Fraction is null ? Whole : $"{Whole}.{Fraction}", CultureInfo.InvariantCulture);

    public static WrittenNumber? Parse(string written, NumberConventions conventions)
    {
        var groups = written.Split(Separators);
        if (groups.Length == 1)
        {
            return new WrittenNumber(written, null, null);
        }

        var marks = written.Where(c => Separators.Contains(c)).ToArray();
        if (marks.Contains('\u00A0'))
        {
            // Spaces group thousands; a final . or , is the decimal mark.
            var decimalMark = marks[^1] != '\u00A0' ? marks[^1] : (char?)null;
            var whole = decimalMark is null ? groups : groups[..^1];
            return marks.Count(m => m != '\u00A0') <= (decimalMark is null ? 0 : 1) && IsGrouped(whole)
                ? new WrittenNumber(string.Concat(whole), decimalMark is null ? null : groups[^1], null)
                : null;
        }

        if (marks.Distinct().Count() == 2)
        {
            var last = marks[^1];
            return marks.Count(m => m == last) == 1 && IsGrouped(groups[..^1])
                ? new WrittenNumber(string.Concat(groups[..^1]), groups[^1], null)
                : null;
        }

        var mark = marks[0];
        if (marks.Length > 1)
        {
            // "1,234,567" groups in any language; "1.234.567" only where the point groups, else it is a version or an address.
            if (IsGrouped(groups) && (mark == conventions.GroupSeparator || mark == ','))
            {
                return new WrittenNumber(string.Concat(groups), null, null);
            }

            return mark == '.' ? new WrittenNumber(groups[0], null, groups) : null;
        }

        if (mark == conventions.DecimalMark)
        {
            return new WrittenNumber(groups[0], groups[1], null);
        }

        if (IsGrouped(groups))
        {
            return new WrittenNumber(string.Concat(groups), null, null);
        }

        // The point as a decimal mark is understood everywhere; a lone comma in English text is too likely a list.
        return mark == '.' ? new WrittenNumber(groups[0], groups[1], null) : null;
    }

    /// <summary>Thousands groups: one to three digits first, exactly three after.</summary>
    private static bool IsGrouped(string[] groups) =>
        groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3);
}
