using System.Text;
using System.Text.RegularExpressions;

namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// Identifiers in code style read as their words: "snake_case" -> "snake case", "__init__" -> "init",
/// "camelCase" -> "camel case", "XMLHttpRequest" -> "XML Http Request", "System.Text.Json" -> "System dot Text
/// dot Json", ".NET" -> "dot NET", "C++" -> "C plus plus", "C#" -> "C sharp", "Console.WriteLine()" without its
/// empty parentheses. A capitalized word is split only when its first part has three letters or more or is an
/// acronym ("JavaScript", "IOException"), so names like "McDonald", "DeVito" or "LaTeX" stay whole, and so do
/// plural acronyms ("APIs") and French Roman ordinals ("XIXe"). Two lower-case
/// words joined by a period before a capital ("end.The") are a missing space after a full stop, not a name.
/// </summary>
internal static partial class CodeIdentifiers
{
    private static readonly HashSet<string> UnitSymbols = [.. MeasurementUnit.All.SelectMany(u => u.Symbols)];

    /// <param name="words">The language's words; without them dotted names and C++ are left as written.</param>
    public static string Apply(string text, SpokenWords? words)
    {
        text = EmptyCall().Replace(text, "");
        if (words is not null)
        {
            text = CPlusPlus().Replace(text, $"C {words.Plus} {words.Plus}");
            text = DottedName().Replace(text, m => Dotted(m.Value, words));
            text = LeadingDot().Replace(text, words.Dot + " ");
        }

        text = SharpLanguage().Replace(text, "$1 sharp");
        text = SnakeCase().Replace(text, m => string.Join(' ', m.Value.Split('_', StringSplitOptions.RemoveEmptyEntries)));
        return MixedCase().Replace(text, m => Split(m.Value));
    }

    private static string Dotted(string name, SpokenWords words)
    {
        var parts = name.Split('.');
        if (parts.All(p => p.Length == 1))
        {
            return name;
        }

        if (parts.Length == 2 && parts[0].Length >= 2 && parts[0].All(char.IsLower)
            && char.IsUpper(parts[1][0]) && parts[1].Skip(1).All(char.IsLower) && parts[1].Length > 1)
        {
            return $"{parts[0]}. {parts[1]}";
        }

        return string.Join($" {words.Dot} ", parts);
    }

    private static string Split(string word)
    {
        if (UnitSymbols.Contains(word) || CapitalsWithEnding().IsMatch(word))
        {
            return word;
        }

        var humps = Hump().Matches(word).Select(m => m.Value).ToList();
        var camel = char.IsLower(word[0]);
        if (humps.Count < 2 || (!camel && humps[0].Length < 3 && !humps[0].All(char.IsUpper)) || (!camel && humps[0].Length == 1))
        {
            return word;
        }

        var said = new StringBuilder(word.Length + humps.Count);
        foreach (var hump in humps)
        {
            // In camelCase the capital only marks a new word; an acronym keeps its capitals so it is still spelled.
            var isAcronym = hump.Length > 1 && hump.All(char.IsUpper);
            said.Append(said.Length > 0 ? " " : "").Append(camel && !isAcronym ? hump.ToLowerInvariant() : hump);
        }

        return said.ToString();
    }

    /// <summary>Capitals and a short lower-case ending: a plural acronym ("APIs", "URLs") or a French Roman ordinal ("XIXe", "Ier").</summary>
    [GeneratedRegex(@"^\p{Lu}+\p{Ll}{1,3}$")]
    private static partial Regex CapitalsWithEnding();

    [GeneratedRegex(@"(?<=[\p{L}\p{N}_])\(\)")]
    private static partial Regex EmptyCall();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_])C\+\+(?![\p{L}\p{N}_+])")]
    private static partial Regex CPlusPlus();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_])([CF])#(?![\p{L}\p{N}_#])")]
    private static partial Regex SharpLanguage();

    /// <summary>Names of two or more parts joined by periods, not part of an address or a longer dotted run.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}_.@/])(?:[\p{L}_][\p{L}\p{N}_]*\.)+[\p{L}_][\p{L}\p{N}_]*(?![\p{L}\p{N}_]|\.[\p{L}\p{N}_])")]
    private static partial Regex DottedName();

    /// <summary>".NET", ".gitignore": a period starting a word.</summary>
    [GeneratedRegex(@"(?<=^|[\s(\[""'“‘])\.(?=[\p{L}_][\p{L}\p{N}_]*)", RegexOptions.Multiline)]
    private static partial Regex LeadingDot();

    /// <summary>A word with an underscore: letters and digits in runs, separated, led or followed by underscores.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}_])(?=[\p{L}\p{N}]*_)_*[\p{L}\p{N}]+(?:_+[\p{L}\p{N}]+)*_*(?![\p{L}\p{N}_])")]
    private static partial Regex SnakeCase();

    /// <summary>A word with a lower-case letter followed by a capital, or two capitals followed by a lower-case letter.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}_'’-])(?=[\p{L}\p{N}]*(?:\p{Ll}\p{Lu}|\p{Lu}\p{Lu}\p{Ll}))[\p{L}\p{N}]+(?![\p{L}\p{N}_'’-])")]
    private static partial Regex MixedCase();

    /// <summary>The words of a mixed-case name: an acronym before a capitalized word, a capitalized or lower-case word, an acronym, a number.</summary>
    [GeneratedRegex(@"\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+")]
    private static partial Regex Hump();
}
