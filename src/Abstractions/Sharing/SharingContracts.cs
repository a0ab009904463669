using Lector.Abstractions.Documents;

namespace Lector.Abstractions.Sharing;

/// <summary>Someone a document is shared with, and who granted it (the user id of the owner or of a sharer).</summary>
[GenerateSerializer, Alias("Lector.ShareInfo")]
public sealed record ShareInfo(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Email,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] Permission Permission,
    [property: Id(4)] DateTimeOffset SharedAt,
    [property: Id(5)] string? GrantedBy = null);

/// <summary>The outcome of sharing: the share, and whether it is new (rather than a changed permission).</summary>
[GenerateSerializer, Alias("Lector.ShareResult")]
public sealed record ShareResult([property: Id(0)] ShareInfo Share, [property: Id(1)] bool Created);

[GenerateSerializer, Alias("Lector.DocumentOwner")]
public sealed record DocumentOwner(
    [property: Id(0)] string Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string DisplayName);

/// <summary>One row of "shared with me": the document, who owns it and what the reader may do.</summary>
[GenerateSerializer, Alias("Lector.SharedDocumentSummary")]
public sealed record SharedDocumentSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] DocumentStatus Status,
    [property: Id(3)] int PageCount,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] DocumentOwner Owner,
    [property: Id(7)] Permission Permission,
    [property: Id(8)] DateTimeOffset SharedAt);

/// <summary>Everyone a document is shared with and their permission, as of one stored version of its shares (higher is newer).</summary>
[GenerateSerializer, Alias("Lector.SharedAccess")]
public sealed record SharedAccess(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyDictionary<string, Permission> Permissions);
