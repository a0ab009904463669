using Lector.Grains.Speech;
using Lector.Grains.Speech.Festival;

namespace Lector.Grains.Tests.Speech;

public sealed class FestivalTextTests
{
    [Fact]
    public void Each_character_becomes_one_ascii_character_so_offsets_stay()
    {
        const string text = "Café “naïve” — déjà‑vu… Straße, Ærø; 東京 😀\n\tok";

        var folded = FestivalText.Fold(text);

        Assert.Equal("Cafe \"naive\" - deja-vu. Strase, Ero;      \n\tok", folded);
        Assert.Equal(text.Length, folded.Length);
        Assert.All(folded, c => Assert.True(char.IsAscii(c)));
    }

    [Fact]
    public void Tokens_are_found_after_each_other_and_utterances_become_sentences_with_their_punctuation()
    {
        const string text = "Hello world. “Déjà” vu, 42!";
        var output = "festival 2.5 says hello\nword\t0.165\tHello\nword\t0.400\tworld\nutterance\nword\t1.2\tDeja\nword\t1.5\tvu\nword\t1.75\t42\nword\t2.0\tmissing\nutterance\ndone\n";

        var marks = FestivalMarks.Read(output, text, FestivalText.Fold(text));

        Assert.Equal(
            [
                (165L, "sentence", "Hello world."), (165L, "word", "Hello"), (400L, "word", "world"),
                (1200L, "sentence", "Déjà” vu, 42!"), (1200L, "word", "Déjà"), (1500L, "word", "vu"), (1750L, "word", "42"),
            ],
            marks.Select(m => (m.TimeMs, m.Type, m.Value)));
        Assert.All(marks, m => Assert.Equal(m.Value, text[m.Start..m.End]));
    }

    [Fact]
    public void Output_that_stops_before_done_is_a_failed_run()
    {
        var error = Assert.Throws<SpeechException>(() => FestivalMarks.Read("word\t0.1\tHello\nSIOD ERROR: unbound variable\n", "Hello", "Hello"));

        Assert.Equal(("speech.engine_failed", false), (error.Code, error.Transient));
    }
}
