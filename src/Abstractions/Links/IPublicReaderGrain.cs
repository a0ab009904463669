using Lector.Abstractions.Audio;

namespace Lector.Abstractions.Links;

/// <summary>
/// Reading a document through a public link: each call names the link's secret and reaches only that link's document,
/// as whoever made the link may read it (while they still may share it), in the link's voice. A secret that names no
/// live link answers <c>link.not_found</c>, whatever the reason, so links cannot be told apart by probing.
/// </summary>
[Alias("Lector.IPublicReaderGrain")]
public interface IPublicReaderGrain : IGrainWithIntegerKey
{
    [Alias("Describe")]
    Task<PublicDocumentView> Describe(string secret);

    /// <summary>A page; <c>page.not_found</c> outside 1..page count.</summary>
    [Alias("GetPage")]
    Task<PublicPageView> GetPage(string secret, int number);

    /// <summary>The page's audio in the link's voice, asked for through the usual page-voice path when there is none yet (or it is stale).</summary>
    [Alias("RequestAudio")]
    Task<PublicAudioView> RequestAudio(string secret, int number);

    /// <summary>Where the completed audio's bytes are.</summary>
    [Alias("OpenContent")]
    Task<AudioContent> OpenContent(string secret, int number);

    /// <summary>Where the completed audio's speech marks are; <c>audio.no_marks</c> when it has none.</summary>
    [Alias("OpenMarks")]
    Task<string> OpenMarks(string secret, int number);
}
