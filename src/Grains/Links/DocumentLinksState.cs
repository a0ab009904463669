namespace Lector.Grains.Links;

public sealed class DocumentLinksState
{
    /// <summary>The document's links by link id; bounded by <see cref="Abstractions.Links.PublicLinkLimits.MaxLinks"/>.</summary>
    public Dictionary<string, PublicLinkRecord> Links { get; set; } = [];
}

public sealed class PublicLinkRecord
{
    /// <summary>The key of the link's <see cref="PublicLinkGrain"/>; the secret itself is kept nowhere.</summary>
    public string SecretHash { get; set; } = "";

    public string Voice { get; set; } = "";

    /// <summary>The user id of whoever made the link: the link reads the document as they may, while they may share it.</summary>
    public string CreatedBy { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
