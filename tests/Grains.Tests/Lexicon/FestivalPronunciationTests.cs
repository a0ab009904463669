using Lector.Abstractions.Audio;
using Lector.Grains.Speech;
using Lector.Grains.Speech.Festival;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Tests.Lexicon;

/// <summary>Pronunciations as Festival's lexicon entries, and their effect on the real Festival.</summary>
public sealed class FestivalPronunciationTests
{
    [Fact]
    public void A_word_pronounced_everywhere_in_the_run_becomes_an_entry_in_the_voices_phones()
    {
        const string text = "Ask Nguyen. NGUYEN knows pecan pie, and Pecan trees.";
        var speech = new SpeechText(text, [
            new Pronunciation(4, 6, "ŋwɪn"),
            new Pronunciation(12, 6, "ŋwɪn"),
            new Pronunciation(25, 5, "pɪˈkɑːn"),
        ]);

        var entries = FestivalLexicon.EntriesFor(speech, FestivalText.Fold(text));

        // "Pecan" is also written once without the pronunciation: Festival, blind to case, would change it too.
        Assert.Equal("(lex.add.entry (list \"nguyen\" nil (lex.syllabify.phstress '(ng w ih0 n))))\n", entries);
        Assert.Equal(["p", "ih0", "k", "aa1", "n"], FestivalLexicon.PhonesOf("pɪˈkɑːn"));
        Assert.Equal(["ch", "er1", "ch"], FestivalLexicon.PhonesOf("ˈtʃɜːtʃ"));
        Assert.True(FestivalLexicon.CoversAcceptedIpa);
    }

    [Fact]
    public async Task Festival_speaks_the_entry_instead_of_its_own_reading()
    {
        const string text = "Mister Nguyen.";
        var engine = new FestivalEngine(Options.Create(new FestivalOptions()), NullLogger<FestivalEngine>.Instance);

        var asWritten = await engine.SynthesizeAsync("en-us-slt", text, CancellationToken.None);
        var pronounced = await engine.SynthesizeAsync("en-us-slt", new SpeechText(text, [new Pronunciation(7, 6, "ˈnuːjɛn ˈsmɪθ ˈdʒoʊnz")]), CancellationToken.None);

        // Two more syllables than Festival's own reading ("n uw y eh n") make the word, and the page, longer.
        Assert.True(pronounced.DurationMs > asWritten.DurationMs + 300, $"{pronounced.DurationMs} ms with the entry, {asWritten.DurationMs} ms without");
        Assert.Contains(pronounced.Marks!, m => m.Type == SpeechMark.Word && text[m.Start..m.End] == "Nguyen");
    }
}
