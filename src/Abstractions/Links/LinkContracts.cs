using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;

namespace Lector.Abstractions.Links;

/// <summary>A public read-along link as its document's owner and sharers see it: never its secret.</summary>
[GenerateSerializer, Immutable, Alias("Lector.PublicLinkInfo")]
public sealed record PublicLinkInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Voice,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] string CreatedBy);

/// <summary>A new link with its secret, which is shown this once: only its hash is kept.</summary>
[GenerateSerializer, Immutable, Alias("Lector.IssuedPublicLink")]
public sealed record IssuedPublicLink(
    [property: Id(0)] PublicLinkInfo Link,
    [property: Id(1)] string Secret);

/// <summary>What a live link opens: one document, read as whoever made the link, in the link's voice.</summary>
[GenerateSerializer, Immutable, Alias("Lector.PublicLinkTarget")]
public sealed record PublicLinkTarget(
    [property: Id(0)] string DocumentId,
    [property: Id(1)] string LinkId,
    [property: Id(2)] string Voice,
    [property: Id(3)] string CreatedBy,
    [property: Id(4)] DateTimeOffset ExpiresAt);

/// <summary>The document as a link shows it: enough to listen, nothing that leads anywhere else (no ids, no owner).</summary>
[GenerateSerializer, Immutable, Alias("Lector.PublicDocumentView")]
public sealed record PublicDocumentView(
    [property: Id(0)] string Title,
    [property: Id(1)] int PageCount,
    [property: Id(2)] string Voice,
    [property: Id(3)] string? Language,
    [property: Id(4)] DateTimeOffset ExpiresAt);

/// <summary>A page as a link shows it: the text speech marks count in, and the sanitized HTML it is shown from.</summary>
[GenerateSerializer, Immutable, Alias("Lector.PublicPageView")]
public sealed record PublicPageView(
    [property: Id(0)] int Number,
    [property: Id(1)] string? Label,
    [property: Id(2)] string Text,
    [property: Id(3)] string Html);

/// <summary>The state of a page's audio in the link's voice, without the ids that name it elsewhere.</summary>
[GenerateSerializer, Immutable, Alias("Lector.PublicAudioView")]
public sealed record PublicAudioView(
    [property: Id(0)] AudioStatus Status,
    [property: Id(1)] long? DurationMs,
    [property: Id(2)] string Format,
    [property: Id(3)] SafeError? Error);

/// <summary>The bounds of public links.</summary>
public static class PublicLinkLimits
{
    /// <summary>
    /// The longest a link may live. A link is a bearer secret anyone may pass on; a year bounds how long a forgotten
    /// one keeps working.
    /// </summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(365);

    /// <summary>How long a link lives when its maker names no end.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(7);

    /// <summary>More than anyone hands out for one document; bounds the list and what a leaked account can spread.</summary>
    public const int MaxLinks = 50;

    /// <summary>What every link secret starts with, so the log scrubber can tell one anywhere in a line.</summary>
    public const string SecretPrefix = "lnk_";

    /// <summary>Longer than any secret Lector makes; longer ones are refused unread.</summary>
    public const int MaxSecretLength = 100;
}
