using System.Reflection;
using Lector.Grains.Speech.Normalization;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.Grains.Tests.Speech.Normalization;

public sealed class SpeechNormalizerTests
{
    private static readonly SpeechNormalizer Normalizer = new();

    /// <summary>Every input of the language tests, with its test class's language; an input two rules share once.</summary>
    public static TheoryData<string, string> RuleExamples()
    {
        var data = new TheoryData<string, string>();
        var seen = new HashSet<(string, string)>();
        foreach (var (type, language) in new[]
        {
            (typeof(EnglishNormalizationTests), "en"), (typeof(SpanishNormalizationTests), "es"), (typeof(FrenchNormalizationTests), "fr"),
        })
        {
            foreach (var inline in type.GetMethods().SelectMany(m => m.GetCustomAttributes<InlineDataAttribute>()))
            {
                var text = (string)inline.GetData(null!).Single()[0];
                if (seen.Add((text, language)))
                {
                    data.Add(text, language);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RuleExamples))]
    public void Normalizing_normalized_text_changes_nothing(string text, string language)
    {
        var once = Normalizer.Normalize(text, language);

        Assert.Equal(once, Normalizer.Normalize(once, language));
    }

    [Theory]
    [InlineData("en-GB", "5/3/2024", "the fifth of March 2024")]
    [InlineData("EN_gb", "5/3/2024", "the fifth of March 2024")]
    [InlineData("en-US", "5/3/2024", "May third, 2024")]
    [InlineData("en-Latn-US", "5/3/2024", "May third, 2024")]
    [InlineData("eng", "5/3/2024", "May third, 2024")]
    [InlineData("es-419", "3,5", "tres coma cinco")]
    [InlineData("es-MX", "3.5", "tres punto cinco")]
    [InlineData("fr-CA", "70,5", "soixante-dix virgule cinq")]
    [InlineData("fr-CH", "70,5", "septante virgule cinq")]
    public void The_language_tag_chooses_the_rules_and_the_region_their_conventions(string language, string text, string expected) =>
        Assert.Equal(expected, Normalizer.Normalize(text, language));

    [Theory]
    [InlineData("en", true)]
    [InlineData("es-AR", true)]
    [InlineData("FR", true)]
    [InlineData("de", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("-", false)]
    public void Languages_with_rules_of_their_own(string? language, bool expected) => Assert.Equal(expected, SpeechNormalizer.HasRulesFor(language));

    [Fact]
    public void The_corpus_keeps_its_words_in_order_and_loses_its_signs()
    {
        var license = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "gpl3.md"));

        var spoken = Normalizer.Normalize(license, "en");

        Assert.True(Ingestion.Corpus.InOrderShare(Ingestion.Corpus.Words(license), Ingestion.Corpus.Words(spoken)) >= 0.98);
        Assert.DoesNotContain("https://", spoken, StringComparison.Ordinal);
        Assert.DoesNotContain("(C)", spoken, StringComparison.Ordinal);
        Assert.Contains("www dot gnu dot org slash licenses", spoken, StringComparison.Ordinal);
        Assert.Equal(spoken, Normalizer.Normalize(spoken, "en"));
    }

    [Fact]
    public void Paragraph_breaks_survive()
    {
        var spoken = Normalizer.Normalize("First paragraph, e.g. this.\n\nSecond one\nwith a line break.", "en");

        Assert.Equal("First paragraph, for example this.\n\nSecond one\nwith a line break.", spoken);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("...")]
    [InlineData("[1]")]
    public void Text_with_nothing_to_say_becomes_empty_or_stays_short(string text) =>
        Assert.True(Normalizer.Normalize(text, "en").Length <= text.Trim().Length);

    [Fact]
    public void Long_runs_of_the_characters_patterns_look_for_are_handled()
    {
        // Inputs that would make a backtracking pattern blow up: each rule must still finish and keep the text's size.
        string[] runs =
        [
            string.Concat(Enumerable.Repeat("a.", 20_000)), string.Concat(Enumerable.Repeat("1,", 20_000)), new string('_', 40_000),
            string.Concat(Enumerable.Repeat("aB", 20_000)), string.Concat(Enumerable.Repeat("a_", 20_000)), new string('.', 40_000),
            string.Concat(Enumerable.Repeat("1-", 20_000)), string.Concat(Enumerable.Repeat("x/", 20_000)), "http://" + new string('a', 40_000),
            string.Concat(Enumerable.Repeat("[1]", 10_000)), string.Concat(Enumerable.Repeat("a@b.", 10_000)),
        ];

        foreach (var run in runs)
        {
            foreach (var language in new[] { "en", "es", "fr", "de" })
            {
                Assert.InRange(Normalizer.Normalize(run, language).Length, 0, run.Length * 12);
            }
        }
    }

    [Theory]
    [InlineData("en", "123456789012345678901234567890 km and 123456789012345678901234567890.5 kg", "123456789012345678901234567890 kilometers and 123456789012345678901234567890 point five kilograms")]
    [InlineData("en", "$99999999999999999999999999999999.55 or 99999999999999999999999.5%", "99999999999999999999999999999999 dollars and 55 cents or 99999999999999999999999 point five percent")]
    [InlineData("fr", "99999999999999999999er et 1,123456789012345678901", "99999999999999999999er et un virgule un deux trois quatre cinq six sept huit neuf zéro un deux trois quatre cinq six sept huit neuf zéro un")]
    public void Numbers_too_long_to_write_out_stay_digits(string language, string text, string expected) =>
        Assert.Equal(expected, Normalizer.Normalize(text, language));

    [Fact]
    public void The_service_registration_gives_one_shared_normalizer()
    {
        using var provider = new ServiceCollection().AddSpeechNormalization().AddSpeechNormalization().BuildServiceProvider();

        var normalizer = provider.GetRequiredService<ISpeechNormalizer>();

        Assert.Same(normalizer, provider.GetRequiredService<ISpeechNormalizer>());
        Assert.Equal("see number 5", normalizer.Normalize("see No. 5", "en"));
    }
}
