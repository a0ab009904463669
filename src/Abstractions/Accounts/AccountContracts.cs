namespace Lector.Abstractions.Accounts;

[GenerateSerializer, Alias("Lector.UserProfile")]
public sealed record UserProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] string Email,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] DateTimeOffset CreatedAt);

/// <summary>
/// The outcome of a sign-in attempt: the user on success; otherwise how long the client must wait before trying
/// again (zero when the e-mail and password simply did not match).
/// </summary>
[GenerateSerializer, Alias("Lector.SignInOutcome")]
public sealed record SignInOutcome([property: Id(0)] string? UserId, [property: Id(1)] TimeSpan RetryAfter);

/// <summary>A new session; <see cref="Token"/> goes into the cookie and is stored only as a hash.</summary>
[GenerateSerializer, Alias("Lector.IssuedSession")]
public sealed record IssuedSession(
    [property: Id(0)] string Token,
    [property: Id(1)] string CsrfToken,
    [property: Id(2)] DateTimeOffset ExpiresAt);

/// <summary>Who a valid session or token belongs to; <see cref="ValidUntil"/> is when a session expires (tokens do not).</summary>
[GenerateSerializer, Alias("Lector.Principal")]
public sealed record Principal(
    [property: Id(0)] string UserId,
    [property: Id(1)] string? CsrfToken,
    [property: Id(2)] DateTimeOffset? ValidUntil = null);

[GenerateSerializer, Alias("Lector.ApiTokenInfo")]
public sealed record ApiTokenInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset? LastUsedAt);

/// <summary>A token as created: the secret is returned this once and never again.</summary>
[GenerateSerializer, Alias("Lector.IssuedApiToken")]
public sealed record IssuedApiToken(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Token);
