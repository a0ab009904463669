using Lector.Abstractions.Audio;
using Lector.Abstractions.Exports;
using Orleans.Concurrency;

namespace Lector.Abstractions.Documents;

/// <summary>
/// The recent progress events of one document, keyed by document id: document status, audio status and
/// whole-document job progress, export progress. Kept in memory only: readers long-poll it from any web front, and a
/// reader that missed events (the feed moved to another silo, or its buffer turned over) is told to reset.
/// </summary>
[Alias("Lector.IDocumentFeedGrain")]
public interface IDocumentFeedGrain : IGrainWithStringKey
{
    /// <summary>Appends an event; producers do not wait for readers.</summary>
    [Alias("Publish"), OneWay]
    Task Publish(DocumentEvent documentEvent);

    /// <summary>
    /// Someone may have lost access (a share ended, the document is being deleted): waiting readers check theirs
    /// again at once, so a reader without access is refused now rather than at its next read.
    /// </summary>
    [Alias("AccessChanged"), OneWay]
    Task AccessChanged();

    /// <summary>
    /// The events after <paramref name="afterId"/>, waiting up to <paramref name="wait"/> for one; with no
    /// <paramref name="afterId"/>, only the position to read from. Checks the caller may view the document.
    /// </summary>
    [Alias("Read"), AlwaysInterleave]
    Task<DocumentEventBatch> Read(string callerId, long? afterId, TimeSpan wait);
}

public enum DocumentEventType
{
    Document,
    Audio,
    Job,
    Export,
}

/// <summary>One event; exactly the payload of its <see cref="Type"/> is set. <see cref="Id"/> is assigned by the feed.</summary>
[GenerateSerializer, Alias("Lector.DocumentEvent")]
public sealed record DocumentEvent(
    [property: Id(0)] long Id,
    [property: Id(1)] DocumentEventType Type,
    [property: Id(2)] DocumentSummary? Document,
    [property: Id(3)] AudioView? Audio,
    [property: Id(4)] DocumentAudioProgress? Job,
    [property: Id(5)] ExportView? Export = null)
{
    public static DocumentEvent Of(DocumentSummary document) => new(0, DocumentEventType.Document, document, null, null);

    public static DocumentEvent Of(AudioView audio) => new(0, DocumentEventType.Audio, null, audio, null);

    public static DocumentEvent Of(DocumentAudioProgress job) => new(0, DocumentEventType.Job, null, null, job);

    public static DocumentEvent Of(ExportView export) => new(0, DocumentEventType.Export, null, null, null, export);
}

/// <summary>
/// Events in order and the id to read after next. <see cref="Reset"/>: events were missed, so the reader
/// should reload the state it shows.
/// </summary>
[GenerateSerializer, Alias("Lector.DocumentEventBatch")]
public sealed record DocumentEventBatch(
    [property: Id(0)] long LastId,
    [property: Id(1)] bool Reset,
    [property: Id(2)] IReadOnlyList<DocumentEvent> Events);
