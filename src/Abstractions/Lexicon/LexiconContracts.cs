namespace Lector.Abstractions.Lexicon;

/// <summary>
/// One pronunciation: wherever <see cref="Grapheme"/> stands as a whole word (or words), case as written, it is spoken
/// as <see cref="Alias"/> (other words, shown in a page's <c>speech</c>) or as <see cref="Phoneme"/> (IPA, given to
/// the engine beside the grapheme). Exactly one of the two is set.
/// </summary>
[GenerateSerializer, Immutable, Alias("Lector.LexiconEntry")]
public sealed record LexiconEntry(
    [property: Id(0)] string Grapheme,
    [property: Id(1)] string? Alias,
    [property: Id(2)] string? Phoneme);
