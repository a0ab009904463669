namespace Lector.WebFront;

/// <summary>Bound from <c>WebFront</c>; validated at start.</summary>
public sealed class WebFrontOptions
{
    public const string Section = "WebFront";

    /// <summary>
    /// Where clients reach this web front (e.g. <c>https://lector.example.org</c>, behind a proxy), named as the
    /// server in the OpenAPI document. Unset, the document names none and clients use the address they read it from;
    /// it never comes from the request's Host header, which the client chooses.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Unset, or an absolute http(s) URL with no user info, query or fragment.</summary>
    public bool IsValid() =>
        string.IsNullOrEmpty(PublicBaseUrl)
        || (Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            && url.UserInfo.Length == 0 && url.Query.Length == 0 && url.Fragment.Length == 0);
}
