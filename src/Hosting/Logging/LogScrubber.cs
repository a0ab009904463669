using System.Text.RegularExpressions;
using Lector.Abstractions.Links;

namespace Lector.Hosting.Logging;

/// <summary>
/// Masks credentials and personal data in text bound for logs: AWS keys, secrets, bearer and API tokens, public link and podcast feed secrets (which travel in URLs), passwords
/// (also inside connection strings and JSON), session cookies, e-mail addresses (also URL-encoded; the domain stays).
/// </summary>
public static partial class LogScrubber
{
    public const string Mask = "***";

    public static string Scrub(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        text = AwsAccessKey().Replace(text, Mask);
        text = LectorToken().Replace(text, Mask);
        text = PublicLinkSecret().Replace(text, Mask);
        text = Bearer().Replace(text, "${scheme} " + Mask);
        text = JsonSecret().Replace(text, "${key}\"" + Mask + "\"");
        text = KeyValueSecret().Replace(text, "${key}" + Mask);
        text = Cookie().Replace(text, "${name}" + Mask);
        text = EmailAddress().Replace(text, Mask + "@${domain}");
        return text;
    }

    [GeneratedRegex(@"\b(?:AKIA|ASIA|AIDA|AROA)[A-Z0-9]{16}\b")]
    private static partial Regex AwsAccessKey();

    [GeneratedRegex(@"\blc[tf]_[A-Za-z0-9_-]{16,}")]
    private static partial Regex LectorToken();

    /// <summary>A public link's secret, in its URL (<c>/listen/lnk_…</c>, <c>/api/public/lnk_…</c>) or anywhere else.</summary>
    [GeneratedRegex(@"\b" + PublicLinkLimits.SecretPrefix + @"[A-Za-z0-9_-]{16,}")]
    private static partial Regex PublicLinkSecret();

    [GeneratedRegex(@"(?<scheme>\b(?:Bearer|Basic|AWS4-HMAC-SHA256))\s+[^\s,;]+", RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();

    [GeneratedRegex(@"(?<key>""(?:password|secret|token|secretAccessKey|aws_secret_access_key|apiKey|csrfToken)""\s*:\s*)""(?:[^""\\]|\\.)*""", RegexOptions.IgnoreCase)]
    private static partial Regex JsonSecret();

    [GeneratedRegex(@"(?<key>\b(?:password|pwd|passwd|secret|secret[_-]?key|aws_secret_access_key|secretaccesskey|session[_-]?token|api[_-]?key|access[_-]?token|token|signature|x-amz-signature)\s*[=:]\s*)[^\s;,&""']+", RegexOptions.IgnoreCase)]
    private static partial Regex KeyValueSecret();

    [GeneratedRegex(@"(?<name>\blector_session=)[^;\s]+")]
    private static partial Regex Cookie();

    // Any letters (look-alike and full-width addresses too), and the %40 of a query string.
    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+(?:@|%40|＠)(?<domain>[\p{L}\p{N}-]+(?:[.．][\p{L}\p{N}-]+)+)")]
    private static partial Regex EmailAddress();
}
