using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Lector.Testing;

/// <summary>Why a service refused a request's signature: the error type it answers with, and its message.</summary>
public sealed record SigV4Rejection(string ErrorType, string Message);

/// <summary>The key a service knows, and the scope (region, service) its signatures must be made for.</summary>
public sealed record SigV4Account(string AccessKey, string SecretKey, string Region, string Service);

/// <summary>
/// Checks an AWS Signature Version 4 <c>Authorization</c> header the way the service does, written from the
/// specification rather than with an SDK's signer, so a signer's mistake cannot pass by being made twice. The
/// canonical request is rebuilt from what arrived: the method, the raw path (normalized, each segment encoded
/// again), the query re-encoded and sorted, exactly the headers the request's own <c>SignedHeaders</c> lists, and
/// the SHA-256 of the body; then the string to sign over the credential scope, the HMAC key chain from the secret,
/// and a fixed-time comparison.
/// </summary>
public static class SigV4Verifier
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>How far the signing time may be from the service's clock.</summary>
    public static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(5);

    /// <summary>Null when the request is signed by the account's key for its scope; else why not.</summary>
    /// <param name="rawTarget">The request target as sent: path and query, still percent-encoded.</param>
    public static SigV4Rejection? Verify(string method, string rawTarget, IHeaderDictionary headers, ReadOnlySpan<byte> body, SigV4Account account, DateTimeOffset now)
    {
        var authorization = headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return new("MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        if (Parse(authorization) is not { } signed)
        {
            return new("IncompleteSignatureException", $"The Authorization header must be '{Algorithm} Credential=..., SignedHeaders=..., Signature=...' with a 64-digit hex signature.");
        }

        var amzDate = headers["x-amz-date"].ToString();
        var dateHeader = amzDate.Length > 0 ? "x-amz-date" : "date";
        if (!TryParseSigningTime(amzDate.Length > 0 ? amzDate : headers.Date.ToString(), out var signedAt))
        {
            return new("IncompleteSignatureException", "The request must carry its signing time in an X-Amz-Date header (yyyyMMddTHHmmssZ) or a Date header.");
        }

        if (!signed.SignedHeaders.Contains("host") || !signed.SignedHeaders.Contains(dateHeader))
        {
            return new("IncompleteSignatureException", $"SignedHeaders must include 'host' and '{dateHeader}'.");
        }

        if (signed.AccessKey != account.AccessKey)
        {
            return new("UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        var scopeError = signed switch
        {
            _ when signed.Date != signedAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture) => $"The credential scope's date {signed.Date} is not the date of {dateHeader}.",
            _ when signed.Region != account.Region => $"The credential should be scoped to region '{account.Region}', not '{signed.Region}'.",
            _ when signed.Service != account.Service => $"The credential should be scoped to service '{account.Service}', not '{signed.Service}'.",
            _ when signed.Terminator != "aws4_request" => "The credential scope must end in 'aws4_request'.",
            _ when signedAt < now - AllowedSkew => $"Signature expired: {Stamp(signedAt)} is now earlier than {Stamp(now - AllowedSkew)} ({Stamp(now)} - 5 min.)",
            _ when signedAt > now + AllowedSkew => $"Signature not yet current: {Stamp(signedAt)} is still later than {Stamp(now + AllowedSkew)} ({Stamp(now)} + 5 min.)",
            _ => null,
        };
        if (scopeError is not null)
        {
            return new("InvalidSignatureException", scopeError);
        }

        var canonicalRequest = CanonicalRequest(method, rawTarget, headers, signed.SignedHeaders, body);
        var scope = $"{signed.Date}/{signed.Region}/{signed.Service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{Stamp(signedAt)}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + account.SecretKey);
        foreach (var part in (string[])[signed.Date, signed.Region, signed.Service, "aws4_request"])
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var expected = Encoding.ASCII.GetBytes(Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign))));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signed.Signature))
            ? null
            : new("InvalidSignatureException", $"The signature does not match the one computed from the request and the secret key.\n\nCanonical request:\n'{canonicalRequest}'\n\nString to sign:\n'{stringToSign}'\n");
    }

    /// <summary>The canonical request of the specification, built from the request as it arrived.</summary>
    public static string CanonicalRequest(string method, string rawTarget, IHeaderDictionary headers, IReadOnlyList<string> signedHeaders, ReadOnlySpan<byte> body)
    {
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? rawTarget : rawTarget[..question];
        var query = question < 0 ? "" : rawTarget[(question + 1)..];
        var canonicalHeaders = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            canonicalHeaders.Append(name).Append(':').Append(HeaderValue(headers[name])).Append('\n');
        }

        return string.Join(
            '\n',
            method,
            CanonicalPath(path),
            CanonicalQuery(query),
            canonicalHeaders.ToString(),
            string.Join(';', signedHeaders),
            Hex(SHA256.HashData(body)));
    }

    /// <summary>Empty and '.' segments dropped, '..' resolved, each segment encoded again (services other than S3).</summary>
    private static string CanonicalPath(string path)
    {
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    break;
                case "..":
                    if (segments.Count > 0)
                    {
                        segments.RemoveAt(segments.Count - 1);
                    }

                    break;
                default:
                    segments.Add(Encode(segment));
                    break;
            }
        }

        var trailing = segments.Count > 0 && path.EndsWith('/') ? "/" : "";
        return "/" + string.Join('/', segments) + trailing;
    }

    /// <summary>Each name and value decoded from the wire, encoded the specification's way, sorted by name then value.</summary>
    private static string CanonicalQuery(string query) =>
        string.Join('&', query
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? "" : pair[(equals + 1)..];
                return (Name: Encode(Uri.UnescapeDataString(name)), Value: Encode(Uri.UnescapeDataString(value)));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));

    /// <summary>Every value of the header, each trimmed with inner runs of spaces folded to one, joined by commas.</summary>
    private static string HeaderValue(StringValues values) =>
        string.Join(',', values.Select(v => string.Join(' ', (v ?? "").Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))));

    /// <summary>Percent-encodes every byte of the UTF-8 form but the unreserved A-Z a-z 0-9 - _ . ~, in upper-case hex.</summary>
    private static string Encode(string value)
    {
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    private static SignedParts? Parse(string authorization)
    {
        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = authorization[(Algorithm.Length + 1)..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential)
            || !parts.TryGetValue("SignedHeaders", out var headerList)
            || !parts.TryGetValue("Signature", out var signature)
            || signature.Length != 64
            || !signature.All(char.IsAsciiHexDigitLower)
            || credential.Split('/') is not [var key, var date, var region, var service, var terminator])
        {
            return null;
        }

        var signedHeaders = headerList.Split(';');
        var wellFormed = signedHeaders.All(h => h.Length > 0 && h == h.ToLowerInvariant())
            && signedHeaders.SequenceEqual(signedHeaders.Order(StringComparer.Ordinal));
        return wellFormed ? new SignedParts(key, date, region, service, terminator, signedHeaders, signature) : null;
    }

    private static bool TryParseSigningTime(string value, out DateTimeOffset signedAt) =>
        DateTimeOffset.TryParseExact(value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out signedAt)
        || DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out signedAt);

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private sealed record SignedParts(string AccessKey, string Date, string Region, string Service, string Terminator, string[] SignedHeaders, string Signature);
}
