namespace Lector.Abstractions.Links;

/// <summary>
/// The public read-along links of one document, keyed by document id (a few per document, so the list stays small).
/// Every method needs share permission and answers <c>document.not_found</c> to callers without it.
/// </summary>
[Alias("Lector.IDocumentLinksGrain")]
public interface IDocumentLinksGrain : IGrainWithStringKey
{
    /// <summary>
    /// A new link reading the document in <paramref name="voice"/> until <paramref name="expiresAt"/> (null:
    /// <see cref="PublicLinkLimits.DefaultLifetime"/> from now). Refused: an end not in the future or beyond <see cref="PublicLinkLimits.MaxLifetime"/>
    /// (<c>link.expiry_not_future</c>, <c>link.expiry_too_far</c>), a voice no engine offers (<c>voice.not_found</c>),
    /// more than <see cref="PublicLinkLimits.MaxLinks"/> live links (409 <c>link.too_many</c>).
    /// </summary>
    [Alias("Create")]
    Task<IssuedPublicLink> Create(string callerId, string voice, DateTimeOffset? expiresAt);

    /// <summary>The live links, newest first.</summary>
    [Alias("List")]
    Task<IReadOnlyList<PublicLinkInfo>> List(string callerId);

    /// <summary>
    /// Ends a link at once. The owner revokes any; a sharer only the links it made (<c>link.created_by_other</c>).
    /// </summary>
    [Alias("Revoke")]
    Task Revoke(string callerId, string linkId);
}
