using Lector.Abstractions;
using Lector.Abstractions.Lexicon;
using Lector.Grains.Lexicon;
using Lector.Grains.Speech;
using Lector.Grains.Speech.Normalization;

namespace Lector.Grains.Tests.Lexicon;

/// <summary>The lexicon's rules, its matching, and what it makes of a page's speech.</summary>
public sealed class PronunciationLexiconTests
{
    private static readonly SpeechNormalizer Normalizer = new();

    [Fact]
    public void Aliases_replace_whole_words_with_case_as_written_before_normalization()
    {
        var lexicon = new PronunciationLexicon([new LexiconEntry("GNU", "guh new", null), new LexiconEntry("Acme", "ack me", null)]);

        var speech = PageSpeech.Of("GNU and gnu, GNUstep and Acme's tools.", "en", Normalizer, lexicon);

        Assert.Equal("guh new and gnu, GN Ustep and ack me's tools.", speech.Text);
        Assert.Empty(speech.Speech.Pronunciations);
    }

    [Fact]
    public void A_phoneme_keeps_its_word_as_written_out_of_normalizations_reach_and_says_where_it_is()
    {
        var lexicon = new PronunciationLexicon([new LexiconEntry("3M", null, "θɹiː ˈɛm"), new LexiconEntry("Nguyen", null, "ŋwɪn")]);

        var speech = PageSpeech.Of("Dr. Nguyen met 3M on 3 May.\nNguyen left.", "en", Normalizer, lexicon);

        Assert.StartsWith("Dr. Nguyen met 3M on the third of May.", speech.Text, StringComparison.Ordinal);
        Assert.Equal(["Nguyen", "3M", "Nguyen"], speech.Speech.Pronunciations.Select(p => speech.Text.Substring(p.Start, p.Length)));
        Assert.Equal(["ŋwɪn", "θɹiː ˈɛm", "ŋwɪn"], speech.Speech.Pronunciations.Select(p => p.Ipa));
        Assert.NotEqual(PageSpeech.Of("Dr. Nguyen met 3M on 3 May.\nNguyen left.", "en", Normalizer).Fingerprint, speech.Fingerprint);
    }

    [Fact]
    public void Offsets_in_the_speech_map_back_onto_the_replaced_words_of_the_page()
    {
        const string page = "Install GNU today, says Nguyen.";
        var lexicon = new PronunciationLexicon([new LexiconEntry("GNU", "guh new", null), new LexiconEntry("Nguyen", null, "ŋwɪn")]);

        var speech = PageSpeech.Of(page, "en", Normalizer, lexicon);

        var guh = speech.Text.IndexOf("guh", StringComparison.Ordinal);
        var nguyen = speech.Text.IndexOf("Nguyen", StringComparison.Ordinal);
        // A changed run maps proportionally onto the run it replaced, the space before it included.
        Assert.InRange(speech.PageOffset(guh), page.IndexOf("GNU", StringComparison.Ordinal) - 1, page.IndexOf("GNU", StringComparison.Ordinal) + 3);
        Assert.Equal("Nguyen", page[speech.PageOffset(nguyen)..speech.PageOffset(nguyen + 6)]);
        Assert.Equal("today,", page[speech.PageOffset(speech.Text.IndexOf("today", StringComparison.Ordinal))..][..6]);
    }

    [Fact]
    public void The_longest_grapheme_wins_and_graphemes_are_found_only_as_whole_words()
    {
        var lexicon = PronunciationLexicon.Of(["New", "New York", "St."]);

        var found = lexicon.Find("New York, Newark, St. Louis and New.").Select(f => f.Entry.Grapheme).ToList();

        Assert.Equal(["New York", "St.", "New"], found);
        Assert.False(PronunciationLexicon.Of(["York"]).OccursIn("Yorkshire"));
    }

    [Theory]
    [InlineData("pɪˈkɑːn", "pI'kA:n")]
    [InlineData("ˈtʃɜːtʃ", "'tS3:tS")]
    [InlineData("bɔ̃ʒuʁ", "bO~ZuR")]
    [InlineData("t͡ʃaʊ", "tSaU")]
    public void Ipa_becomes_espeak_ng_phoneme_mnemonics(string ipa, string espeak)
    {
        Assert.True(IpaPhonemes.IsValid(ipa));
        Assert.Equal(espeak, IpaPhonemes.ToEspeak(ipa));
    }

    [Fact]
    public void Valid_entries_are_kept_trimmed_and_composed()
    {
        var stored = LexiconRules.Validate([new LexiconEntry("  Nguyen ", null, " ŋwɪn "), new LexiconEntry("Cafe\u0301", "ka fay", null)]);

        Assert.Equal([new LexiconEntry("Nguyen", null, "ŋwɪn"), new LexiconEntry("Café", "ka fay", null)], stored);
    }

    [Fact]
    public void Every_refused_field_is_named_with_its_code()
    {
        var error = Assert.Throws<LectorException>(() => LexiconRules.Validate(
        [
            new LexiconEntry("", "x", null),
            new LexiconEntry("ok", null, null),
            new LexiconEntry("both", "x", "ɛ"),
            new LexiconEntry("<b>", "x", null),
            new LexiconEntry("tag", "[[h@]]", null),
            new LexiconEntry("ascii", null, "p@k'A:n"),
            new LexiconEntry("long", new string('a', LexiconRules.MaxReplacementLength + 1), null),
            new LexiconEntry("ok", "again", null),
            new LexiconEntry(new string('w', LexiconRules.MaxGraphemeLength + 1), "x", null),
            new LexiconEntry("marks", null, "ˈː"),
        ]));

        Assert.Equal("validation", error.Kind == ErrorKind.Validation ? "validation" : error.Code);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["[0].grapheme"] = "lexicon.grapheme_required",
                ["[1].alias"] = "lexicon.alias_or_phoneme",
                ["[2].phoneme"] = "lexicon.alias_or_phoneme",
                ["[3].grapheme"] = "lexicon.grapheme_invalid",
                ["[4].alias"] = "lexicon.alias_invalid",
                ["[5].phoneme"] = "lexicon.phoneme_invalid",
                ["[6].alias"] = "lexicon.alias_too_long",
                ["[7].grapheme"] = "lexicon.grapheme_duplicate",
                ["[8].grapheme"] = "lexicon.grapheme_too_long",
                ["[9].phoneme"] = "lexicon.phoneme_invalid",
            },
            error.Errors!.ToDictionary(e => e.Key, e => Assert.Single(e.Value)));
        Assert.Equal("lexicon.too_many_entries", Assert.Throws<LectorException>(() => LexiconRules.Validate(
            [.. Enumerable.Range(0, LexiconRules.MaxEntries + 1).Select(i => new LexiconEntry($"w{i}", "x", null))])).Code);
    }
}
