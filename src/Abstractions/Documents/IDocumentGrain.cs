using Lector.Abstractions.Audio;
using Lector.Abstractions.Sharing;
using Lector.Abstractions.Work;
using Orleans.Concurrency;

namespace Lector.Abstractions.Documents;

/// <summary>
/// A document, keyed by document id: owns metadata and the page list, drives ingestion and answers who may use it
/// (its shares belong to <see cref="IDocumentSharingGrain"/>, which keeps the document's copy of them current).
/// Every caller-facing method checks access and answers <c>document.not_found</c> to callers without it.
/// </summary>
[Alias("Lector.IDocumentGrain")]
public interface IDocumentGrain : IResumableGrain
{
    /// <summary>Accepts the document and starts ingestion off the caller's request.</summary>
    [Alias("Create")]
    Task<DocumentDetails> Create(NewDocument document);

    [Alias("Get")]
    Task<DocumentDetails> Get(string callerId);

    /// <summary>
    /// The caller's permission; throws not-found when it is below <paramref name="required"/>. Costs the owner no grain
    /// call and anyone else at most one per activation. Interleaves: grains it calls ask it back.
    /// </summary>
    [Alias("Authorize"), AlwaysInterleave]
    Task<Permission> Authorize(string callerId, Permission required);

    [Alias("ListPages")]
    Task<PagedResult<PageSummary>> ListPages(string callerId, PageRequest request);

    [Alias("GetPage")]
    Task<PageView> GetPage(string callerId, int number);

    /// <summary>The chapters, from the outline the document was read with (empty when it has none).</summary>
    [Alias("ListChapters")]
    Task<IReadOnlyList<Chapter>> ListChapters(string callerId);

    /// <summary>The page's audio in every voice, with the per-page limit and how many of its slots are taken.</summary>
    [Alias("GetPageAudio")]
    Task<PageAudioList> GetPageAudio(string callerId, int number);

    /// <summary>Replaces a page's text (owner or collaborator); the page's audio becomes stale.</summary>
    [Alias("UpdatePage")]
    Task<PageView> UpdatePage(string callerId, int number, string text);

    /// <summary>
    /// Changes the title or the language (owner only; a null field is left as it is). A new language changes how every
    /// page is spoken, so all of the document's audio becomes stale.
    /// </summary>
    [Alias("Update")]
    Task<DocumentDetails> Update(string callerId, DocumentChanges changes);

    [Alias("Delete")]
    Task Delete(string callerId);

    /// <summary>Saves where the caller is in the document (anyone who may read it), for them to resume anywhere.</summary>
    [Alias("SavePosition")]
    Task<ListeningPosition> SavePosition(string callerId, int page, int offsetMs, string voice);

    /// <summary>The caller's saved position; not found (<c>position.none</c>) when they have none.</summary>
    [Alias("GetPosition")]
    Task<ListeningPosition> GetPosition(string callerId);

    /// <summary>Owner, title and original of an existing document (null when it does not exist or is being deleted); for grains, without access checks.</summary>
    [Alias("Describe"), AlwaysInterleave]
    Task<DocumentReference?> Describe();

    /// <summary>
    /// Called when the owner's lexicon changed how words on some of its pages are spoken: the document's version
    /// (<c>updatedAt</c>) moves on, so exports built before are stale, as after a page edit.
    /// </summary>
    [Alias("OnSpeechChanged")]
    Task OnSpeechChanged();

    /// <summary>Called by a page when the number of its audios changes, so page listings need no fan-out.</summary>
    [Alias("OnPageAudioCountChanged"), AlwaysInterleave]
    Task OnPageAudioCountChanged(int number, int audioCount);
}

/// <summary>
/// What other grains need of a document: whom to notify, which blob it holds, the language its pages are spoken in,
/// whether it is ready and how many pages it has, and <see cref="UpdatedAt"/>, which changes whenever its pages do
/// (so what was made of it can tell whether it is still current).
/// </summary>
[GenerateSerializer, Alias("Lector.DocumentReference")]
public sealed record DocumentReference(
    [property: Id(0)] string OwnerId,
    [property: Id(1)] string Title,
    [property: Id(2)] string? OriginalBlobKey,
    [property: Id(3)] string? Language = null,
    [property: Id(4)] DocumentStatus Status = DocumentStatus.Processing,
    [property: Id(5)] int PageCount = 0,
    [property: Id(6)] DateTimeOffset UpdatedAt = default);

/// <summary>What an owner may change of a document; null leaves a field as it is.</summary>
[GenerateSerializer, Alias("Lector.DocumentChanges")]
public sealed record DocumentChanges(
    [property: Id(0)] string? Title,
    [property: Id(1)] string? Language);

/// <summary>A page with the audio made of it, and <see cref="Speech"/>: exactly the text an engine is sent for it.</summary>
[GenerateSerializer, Alias("Lector.PageView")]
public sealed record PageView(
    [property: Id(0)] PageContent Content,
    [property: Id(1)] IReadOnlyList<AudioView> Audio,
    [property: Id(2)] string Speech);

[GenerateSerializer, Alias("Lector.PageAudioList")]
public sealed record PageAudioList(
    [property: Id(0)] IReadOnlyList<AudioView> Items,
    [property: Id(1)] AudioQuota Quota);

/// <summary>How many voices a page may have audio in, and how many it has.</summary>
[GenerateSerializer, Alias("Lector.AudioQuota")]
public sealed record AudioQuota(
    [property: Id(0)] int Max,
    [property: Id(1)] int Used);
