using System.Net;
using System.Text.Json;

namespace Lector.Grains.Speech.Polly;

/// <summary>
/// Turns Polly's error answers into <see cref="SpeechException"/>s with our own codes and words: the
/// provider's message is never kept, since it may quote the request or name credentials.
/// </summary>
internal static class PollyErrors
{
    public const string Throttled = "speech.throttled";
    public const string ProviderUnavailable = "speech.provider_unavailable";
    public const string ProviderUnreachable = "speech.provider_unreachable";
    public const string Timeout = "speech.timeout";
    public const string TextTooLong = "speech.text_too_long";
    public const string InvalidVoice = "speech.invalid_voice";
    public const string InvalidSsml = "speech.invalid_ssml";
    public const string InvalidRequest = "speech.invalid_request";
    public const string AuthFailed = "speech.auth_failed";
    public const string Rejected = "speech.rejected";
    public const string BadOutput = "speech.bad_output";

    private const int MaxCodeLength = 64;

    /// <summary>
    /// The error code: header <c>x-amzn-ErrorType</c>, else body <c>code</c> or <c>__type</c>; anything
    /// after ':' and before '#' goes, and what is left is reduced to letters and digits so it is safe to log.
    /// </summary>
    public static string? ReadCode(HttpResponseMessage response, ReadOnlySpan<byte> body)
    {
        var raw = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
        raw ??= ReadBodyCode(body);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var colon = raw.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            raw = raw[..colon];
        }

        var hash = raw.LastIndexOf('#');
        if (hash >= 0)
        {
            raw = raw[(hash + 1)..];
        }

        var code = new string([.. raw.Where(char.IsAsciiLetterOrDigit).Take(MaxCodeLength)]);
        return code.Length == 0 ? null : code;
    }

    /// <summary>Throttling and 5xx may pass if tried again; every other 4xx will not.</summary>
    public static SpeechException Classify(HttpStatusCode status, string? code)
    {
        var name = code is null ? "" : code.EndsWith("Exception", StringComparison.Ordinal) ? code[..^"Exception".Length] : code;
        return name switch
        {
            "Throttling" or "TooManyRequests" or "RequestLimitExceeded" => Transient(Throttled, "The speech service is busy."),
            _ when status == HttpStatusCode.TooManyRequests => Transient(Throttled, "The speech service is busy."),
            _ when (int)status >= 500 => Transient(ProviderUnavailable, "The speech service is temporarily unavailable."),
            "TextLengthExceeded" => Permanent(TextTooLong, "The text is too long for the speech service."),
            "InvalidSsml" or "SsmlMarksNotSupportedForTextType" => Permanent(InvalidSsml, "The speech service could not read the marked-up text."),
            "LanguageNotSupported" or "EngineNotSupported" => Permanent(InvalidVoice, "The voice is not available for this text."),
            "InvalidClientTokenId" or "UnrecognizedClient" or "InvalidSignature" or "SignatureDoesNotMatch" or "IncompleteSignature"
                or "MissingAuthenticationToken" or "ExpiredToken" or "AccessDenied" => AuthenticationFailed(),
            _ when status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => AuthenticationFailed(),
            "InvalidSampleRate" or "MarksNotSupportedForFormat" or "Validation" or "ValidationError" or "LexiconNotFound"
                => Permanent(InvalidRequest, "The speech service did not accept the request."),
            _ => Permanent(Rejected, "The speech service did not accept the request."),
        };
    }

    public static SpeechException AuthenticationFailed() => Permanent(AuthFailed, "Speech could not be generated.");

    public static SpeechException Transient(string code, string message, Exception? inner = null) => new(code, message, transient: true, inner);

    public static SpeechException Permanent(string code, string message) => new(code, message, transient: false);

    private static string? ReadBodyCode(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var name in (string[])["code", "Code", "__type"])
            {
                if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // A body that is not JSON (an HTML error page of a proxy) carries no code.
        }

        return null;
    }
}
