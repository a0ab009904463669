using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Lector.Testing;

/// <summary>A pronunciation lexicon the Polly fake holds, with the attributes Polly reports for it.</summary>
public sealed record FakeLexicon(string Name, string Content, string Alphabet, string LanguageCode, int LexemesCount, DateTimeOffset LastModified)
{
    /// <summary>Each lexeme's graphemes and what replaces them (an alias, or a phoneme in the lexicon's alphabet).</summary>
    public IReadOnlyList<(IReadOnlyList<string> Graphemes, string? Alias, string? Phoneme)> Lexemes =>
        [.. PollyFakeLexicons.LexemesOf(XDocument.Parse(Content).Root!)
            .Select(l => ((IReadOnlyList<string>)[.. l.Elements(PollyFakeLexicons.Pls + "grapheme").Select(g => g.Value)],
                l.Element(PollyFakeLexicons.Pls + "alias")?.Value,
                l.Element(PollyFakeLexicons.Pls + "phoneme")?.Value))];
}

/// <summary>
/// The account's lexicons, kept to Polly's rules: names of 1 to 20 letters and digits, a W3C PLS document of at most
/// 4,000 characters in the ipa or x-sampa alphabet for a language Polly speaks, replacements of at most 100
/// characters, at most 100 lexicons.
/// </summary>
internal sealed partial class PollyFakeLexicons
{
    public const int MaxLexicons = 100;
    public const int MaxCharacters = 4000;
    public const int MaxReplacementCharacters = 100;

    public static readonly XNamespace Pls = "http://www.w3.org/2005/01/pronunciation-lexicon";

    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, FakeLexicon> _lexicons = new(StringComparer.Ordinal);

    /// <summary>Every lexicon, by name.</summary>
    public IReadOnlyList<FakeLexicon> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _lexicons.Values];
            }
        }
    }

    public void Put(string name, string? content, TimeProvider clock)
    {
        CheckName(name);
        if (content is null)
        {
            throw PollyFakeError.Validation("1 validation error detected: Value null at 'content' failed to satisfy constraint: Member must not be null");
        }

        if (content.Length > MaxCharacters)
        {
            throw new PollyFakeError(400, "LexiconSizeExceededException", $"The lexicon has {content.Length} characters; at most {MaxCharacters} are allowed.");
        }

        var lexicon = Parse(name, content, clock.GetUtcNow());
        lock (_lock)
        {
            if (!_lexicons.ContainsKey(name) && _lexicons.Count >= MaxLexicons)
            {
                throw new PollyFakeError(400, "MaxLexiconsNumberExceededException", $"The account already has {MaxLexicons} lexicons.");
            }

            _lexicons[name] = lexicon;
        }
    }

    public FakeLexicon Get(string name)
    {
        CheckName(name);
        lock (_lock)
        {
            return _lexicons.TryGetValue(name, out var lexicon) ? lexicon : throw NotFound(name);
        }
    }

    public void Delete(string name)
    {
        CheckName(name);
        lock (_lock)
        {
            if (!_lexicons.Remove(name))
            {
                throw NotFound(name);
            }
        }
    }

    public static PollyFakeError NotFound(string name) => new(404, "LexiconNotFoundException", $"Lexicon '{name}' not found.");

    public static IEnumerable<XElement> LexemesOf(XElement root) => root.Elements(Pls + "lexeme");

    private static void CheckName(string name)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw PollyFakeError.Validation($"1 validation error detected: Value '{name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9A-Za-z]{{1,20}}");
        }
    }

    private static FakeLexicon Parse(string name, string content, DateTimeOffset now)
    {
        XElement root;
        try
        {
            root = XDocument.Parse(content).Root!;
        }
        catch (XmlException e)
        {
            throw new PollyFakeError(400, "InvalidLexiconException", $"The lexicon is not well-formed XML: {e.Message}");
        }

        if (root.Name != Pls + "lexicon" || (string?)root.Attribute("version") != "1.0")
        {
            throw new PollyFakeError(400, "InvalidLexiconException", $"The root element must be <lexicon version=\"1.0\"> in the namespace {Pls.NamespaceName}.");
        }

        var alphabet = (string?)root.Attribute("alphabet");
        if (alphabet is not ("ipa" or "x-sampa"))
        {
            throw new PollyFakeError(400, "UnsupportedPlsAlphabetException", $"The alphabet '{alphabet}' is not supported; use ipa or x-sampa.");
        }

        var language = (string?)root.Attribute(XNamespace.Xml + "lang");
        if (language is null || !PollyFake.LanguageCodes.Contains(language))
        {
            throw new PollyFakeError(400, "UnsupportedPlsLanguageException", $"The language '{language}' is not supported.");
        }

        var lexemes = LexemesOf(root).ToList();
        foreach (var lexeme in lexemes)
        {
            var replacements = lexeme.Elements().Where(e => e.Name == Pls + "alias" || e.Name == Pls + "phoneme").ToList();
            if (!lexeme.Elements(Pls + "grapheme").Any(g => g.Value.Length > 0) || replacements.Count == 0)
            {
                throw new PollyFakeError(400, "InvalidLexiconException", "Each lexeme needs a grapheme and an alias or a phoneme.");
            }

            if (replacements.Any(r => r.Value.Length > MaxReplacementCharacters))
            {
                throw new PollyFakeError(400, "MaxLexemeLengthExceededException", $"An alias or phoneme is longer than {MaxReplacementCharacters} characters.");
            }
        }

        return new FakeLexicon(name, content, alphabet, language, lexemes.Count, now);
    }

    [GeneratedRegex("^[0-9A-Za-z]{1,20}$")]
    private static partial Regex NamePattern();
}
