using Lector.Abstractions.Audio;
using Orleans.Concurrency;

namespace Lector.Abstractions.Documents;

/// <summary>
/// One page of a document, keyed by <see cref="PageKey"/>; holds its text and arbitrates
/// which voices have audio, so the per-page audio limit holds under races.
/// </summary>
[Alias("Lector.IPageGrain")]
public interface IPageGrain : IGrainWithStringKey
{
    [Alias("Initialize")]
    Task Initialize(PageContent content);

    /// <summary>Replaces the text (and the HTML made from it) and marks the page's audio stale; the caller has checked access.</summary>
    [Alias("UpdateText")]
    Task<PageContent> UpdateText(string text);

    /// <summary>Marks the audio of every voice stale, as when the page's words are spoken differently now.</summary>
    [Alias("MarkAudioStale")]
    Task MarkAudioStale();

    /// <summary>
    /// Marks the audio of every voice stale when the text contains one of <paramref name="graphemes"/> as a whole word
    /// (case as written), as when the owner's lexicon changed how those words are spoken; true when it does.
    /// </summary>
    [Alias("MarkAudioStaleWhereSpoken")]
    Task<bool> MarkAudioStaleWhereSpoken(IReadOnlyList<string> graphemes);

    /// <summary>The content, or null when the page does not exist.</summary>
    [Alias("GetContent"), AlwaysInterleave]
    Task<PageContent?> GetContent();

    /// <summary>True when the voice holds or now takes one of the page's <paramref name="maxVoices"/> slots.</summary>
    [Alias("ReserveVoice")]
    Task<bool> ReserveVoice(string voice, int maxVoices);

    [Alias("ReleaseVoice")]
    Task ReleaseVoice(string voice);

    /// <summary>The voices holding one of the page's slots.</summary>
    [Alias("ListVoices"), AlwaysInterleave]
    Task<IReadOnlyList<string>> ListVoices();

    [Alias("ListAudio")]
    Task<IReadOnlyList<AudioView>> ListAudio();

    /// <summary>Removes the page and every audio made of it.</summary>
    [Alias("Purge")]
    Task Purge();
}

public static class PageKey
{
    public static string For(string documentId, int number) => $"{documentId}/{number}";
}
