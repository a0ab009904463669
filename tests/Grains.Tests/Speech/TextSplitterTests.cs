using Lector.Grains.Speech;
using Lector.Grains.Speech.Polly;

namespace Lector.Grains.Tests.Speech;

public sealed class TextSplitterTests
{
    private static readonly Func<char, int> Plain = _ => 1;

    [Fact]
    public void Parts_end_at_the_last_sentence_end_that_fits()
    {
        const string text = "One two three. Four five six? Seven eight nine! Ten.";

        var parts = TextSplitter.Split(text, 32, Plain);

        Assert.Equal(["One two three. Four five six?", "Seven eight nine! Ten."], parts.Select(p => p.Text));
        Assert.All(parts, p => Assert.Equal(p.Text, text.Substring(p.Start, p.Text.Length)));
    }

    [Fact]
    public void A_sentence_longer_than_the_limit_is_cut_at_a_space()
    {
        var parts = TextSplitter.Split("alpha beta gamma delta epsilon", 12, Plain);

        Assert.Equal(["alpha beta", "gamma delta", "epsilon"], parts.Select(p => p.Text));
    }

    [Fact]
    public void Text_without_spaces_is_cut_anywhere_but_inside_a_surrogate_pair()
    {
        var text = string.Concat(Enumerable.Repeat("ab😀", 10));

        var parts = TextSplitter.Split(text, 9, Plain);

        Assert.All(parts, p => Assert.False(char.IsHighSurrogate(p.Text[^1]), "a part ends inside a surrogate pair"));
        Assert.All(parts, p => Assert.InRange(p.Text.Length, 1, 9));
        Assert.Equal(text, string.Concat(parts.Select(p => p.Text)));
    }

    [Fact]
    public void Escaped_characters_count_at_their_escaped_length()
    {
        var parts = TextSplitter.Split("a & b & c & d. e", 12, c => PollyInput.BilledLength(c, ssml: true));

        Assert.All(parts, p => Assert.True(p.Text.Sum(c => PollyInput.BilledLength(c, ssml: true)) <= 12));
        Assert.True(parts.Count > 1);
    }

    [Fact]
    public void Sentences_end_at_sentence_ends_and_line_breaks_but_not_at_a_full_stop_before_lower_case()
    {
        const string text = "  He said \"Stop.\" Then left! Was it e.g. a joke? Maybe\nA heading\n\nLast one.  ";

        var sentences = TextSplitter.Sentences(text);

        Assert.Equal(["He said \"Stop.\"", "Then left!", "Was it e.g. a joke?", "Maybe", "A heading", "Last one."], sentences.Select(s => text[s.Start..s.End]));
    }

    [Fact]
    public void Words_leave_out_the_punctuation_around_them_and_runs_without_letters_or_digits()
    {
        const string text = "\"Hello,\" — (e.g.) naïve cafe\u0301! 42% 𝒜bc ... don't";

        var words = WordRanges.In(text, 0, text.Length).Select(w => text[w.Start..w.End]);

        Assert.Equal(["Hello", "e.g", "naïve", "cafe\u0301", "42", "𝒜bc", "don't"], words);
    }
}
