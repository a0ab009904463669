namespace Lector.Abstractions.Lexicon;

/// <summary>
/// A user's pronunciation lexicon, keyed by user id. It applies to the audio of every document the user owns, whoever
/// listens, so a page and voice still have one audio. The web front calls it for the signed-in user only.
/// </summary>
[Alias("Lector.ILexiconGrain")]
public interface ILexiconGrain : IGrainWithStringKey
{
    /// <summary>The entries, in the order they were saved.</summary>
    [Alias("Get"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<LexiconEntry>> Get();

    /// <summary>
    /// Replaces the whole lexicon (validation <c>lexicon.*</c> codes per entry field, nothing stored on refusal) and
    /// marks stale the audio of the owner's pages that contain a grapheme whose pronunciation changed.
    /// </summary>
    [Alias("Replace")]
    Task<IReadOnlyList<LexiconEntry>> Replace(IReadOnlyList<LexiconEntry> entries);
}
