namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// How a language writes numbers: its decimal mark and thousands separator, and the word it says for the decimal
/// mark. French also groups thousands with plain spaces ("1 234,5"); a no-break or thin space groups in any language.
/// </summary>
internal sealed record NumberConventions(char DecimalMark, char GroupSeparator, string DecimalWord, bool GroupsWithSpaces = false);
