namespace Lector.Abstractions.Documents;

public enum DocumentStatus
{
    Processing,
    Ready,
    Failed,
}

/// <summary>What a caller may do with a document; each level includes the ones before it.</summary>
public enum Permission
{
    None,
    View,
    Collaborate,
    Share,
    Owner,
}

/// <summary>A failure reason that is safe to show: a stable code and a plain message.</summary>
[GenerateSerializer, Alias("Lector.SafeError")]
public sealed record SafeError([property: Id(0)] string Code, [property: Id(1)] string Message);

/// <summary>
/// What a caller hands over to create a document: pasted text, an uploaded original already in the blob store, or the
/// URL of a web page to import. An empty <see cref="Title"/> lets the document name itself.
/// </summary>
[GenerateSerializer, Alias("Lector.NewDocument")]
public sealed record NewDocument(
    [property: Id(0)] string OwnerId,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Text,
    [property: Id(3)] string? OriginalBlobKey,
    [property: Id(4)] string? FileName,
    [property: Id(5)] string? Url = null);

/// <summary>One row of a library listing; kept in the owner's library index so listings cost one grain call.</summary>
/// <remarks>
/// [Immutable] because every member is immutable and a listing returns up to 100 of them: Orleans would otherwise
/// deep-copy each one on every call inside the silo, which profiling showed as 4% of the listing's CPU.
/// </remarks>
[GenerateSerializer, Immutable, Alias("Lector.DocumentSummary")]
public sealed record DocumentSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] DocumentStatus Status,
    [property: Id(3)] int PageCount,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] string? SourceType = null,
    [property: Id(7)] ListeningPosition? Position = null)
{
    /// <summary>When the caller last listened to the document (saved a position in it).</summary>
    public DateTimeOffset? LastListenedAt => Position?.UpdatedAt;
}

/// <summary>Where a listener is in a document: a page, how far into its audio, in which voice, saved when.</summary>
[GenerateSerializer, Immutable, Alias("Lector.ListeningPosition")]
public sealed record ListeningPosition(
    [property: Id(0)] int Page,
    [property: Id(1)] int OffsetMs,
    [property: Id(2)] string Voice,
    [property: Id(3)] DateTimeOffset UpdatedAt)
{
    /// <summary>Longer than any page's audio.</summary>
    public const int MaxOffsetMs = 24 * 60 * 60 * 1000;
}

/// <summary>
/// One page of a library listing and the version of the library it shows, or only the version when the caller
/// already holds that page at that version (<see cref="Page"/> null): a front that keeps the page it answered
/// last needs neither the copy nor the JSON again while nothing changed.
/// </summary>
[GenerateSerializer, Immutable, Alias("Lector.LibraryListing")]
public sealed record LibraryListing(
    [property: Id(0)] string Version,
    [property: Id(1)] PagedResult<DocumentSummary>? Page);

/// <summary>How a library listing is narrowed and ordered.</summary>
[GenerateSerializer, Alias("Lector.LibraryQuery")]
public sealed record LibraryQuery(
    [property: Id(0)] string? Search,
    [property: Id(1)] LibrarySort Sort);

public enum LibrarySort
{
    /// <summary>Last listened first, then the newest added.</summary>
    Recent,
    Title,
    Added,
}

[GenerateSerializer, Alias("Lector.DocumentDetails")]
public sealed record DocumentDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] DocumentStatus Status,
    [property: Id(3)] int PageCount,
    [property: Id(4)] string SourceType,
    [property: Id(5)] DateTimeOffset CreatedAt,
    [property: Id(6)] DateTimeOffset UpdatedAt,
    [property: Id(7)] Permission Permission,
    [property: Id(8)] SafeError? Error,
    [property: Id(9)] string? Language = null);

/// <summary>One row of a page listing; <see cref="Label"/> is the printed page label, where the source has them (PDF).</summary>
[GenerateSerializer, Alias("Lector.PageSummary")]
public sealed record PageSummary(
    [property: Id(0)] int Number,
    [property: Id(1)] string Preview,
    [property: Id(2)] int CharCount,
    [property: Id(3)] int AudioCount,
    [property: Id(4)] string? Label = null);

/// <summary>
/// A page as parsed: the text to speak (page furniture such as running headers left out; headings, list items, table
/// cells and contents entries on lines of their own, see <c>SpokenText</c>), sanitized HTML to show, and the printed
/// page label (e.g. <c>xii</c>) where the source has one.
/// </summary>
[GenerateSerializer, Alias("Lector.PageContent")]
public sealed record PageContent(
    [property: Id(0)] int Number,
    [property: Id(1)] string? Title,
    [property: Id(2)] string Text,
    [property: Id(3)] string Html,
    [property: Id(4)] string? Label = null)
{
    public int CharCount => Text.Length;
}

/// <summary>A chapter: from the PDF outline, the EPUB navigation or the headings; its pages are <see cref="FirstPage"/> to <see cref="LastPage"/>.</summary>
[GenerateSerializer, Immutable, Alias("Lector.Chapter")]
public sealed record Chapter(
    [property: Id(0)] int Number,
    [property: Id(1)] string Title,
    [property: Id(2)] int FirstPage,
    [property: Id(3)] int LastPage);
