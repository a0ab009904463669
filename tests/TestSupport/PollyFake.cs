using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Lector.Grains.Speech;
using Lector.Grains.Speech.Polly;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lector.Testing;

/// <summary>Where a fake error puts its code: Polly's header, or the body's <c>__type</c> or <c>code</c>.</summary>
public enum PollyErrorStyle
{
    Header,
    BodyType,
    BodyCode,
}

/// <summary>
/// An in-process stand-in for Amazon Polly that keeps to its wire contract (see NOTES.md): it checks each
/// request's SigV4 signature by recomputing it with the SDK's signer, enforces the 3,000 billed-character
/// limit, answers real MP3 audio (espeak-ng + lame, made once) with <c>x-amzn-RequestCharacters</c>, speech
/// marks as JSON lines with UTF-8 byte offsets, voices in pages, and Polly-shaped errors. It can be told
/// to fail the next requests, to take a fixed time per speech request, and to enforce a transactions-per-second
/// quota the way Polly does (a token bucket; requests past it get <c>ThrottlingException</c>).
/// </summary>
public sealed partial class PollyFake : IAsyncDisposable
{
    public const string AccessKey = "AKIDPOLLYFAKE0000001";
    public const string SecretKey = "pollyFakeSecret/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string Region = "eu-west-1";
    public const int MaxBilledCharacters = 3000;
    public const int MaxTotalCharacters = 6000;
    public const int VoicesPerPage = 2;

    /// <summary>Each word mark is this far after the previous one.</summary>
    public const int MillisecondsPerWord = 250;

    public static readonly IReadOnlyList<FakeVoice> Voices =
    [
        new("Joanna", "Female", "en-US", ["standard", "neural", "long-form", "generative"]),
        new("Matthew", "Male", "en-US", ["standard", "neural", "generative"]),
        new("Lea", "Female", "fr-FR", ["standard", "neural"]),
        new("Remi", "Male", "fr-FR", ["neural"]),
        new("Hans", "Male", "de-DE", ["standard"]),
    ];

    private static readonly Lazy<Task<byte[]>> SharedClip = new(async () =>
        (await new EspeakEngine(Options.Create(new EspeakOptions())).SynthesizeAsync("en", "Fake Polly voice.", CancellationToken.None)).Audio);

    private readonly WebApplication _app;
    private readonly Lock _failuresLock = new();
    private readonly List<(int Status, string Type, PollyErrorStyle Style, string? OutputFormat)> _failures = [];

    private PollyFake(WebApplication app, byte[] clip)
    {
        _app = app;
        Clip = clip;
        Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    public Uri Url { get; }

    /// <summary>The MP3 every audio request answers with.</summary>
    public byte[] Clip { get; }

    /// <summary>Every request that passed the signature check, in arrival order.</summary>
    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    public int SignatureRejections => _signatureRejections;

    private int _signatureRejections;

    /// <summary>How long each speech request takes before it is answered, like the provider's own latency.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Speech requests answered with <c>ThrottlingException</c> because they came past the quota.</summary>
    public int ThrottledRequests => _throttledRequests;

    private int _throttledRequests;
    private TransactionQuota? _quota;

    /// <summary>
    /// Enforces Polly's quota: <paramref name="requestsPerSecond"/> sustained, up to <paramref name="burst"/> at once
    /// (Polly's standard engine: 80 and 100).
    /// </summary>
    public void LimitRate(double requestsPerSecond, int burst) => _quota = new TransactionQuota(requestsPerSecond, burst);

    /// <summary>When each speech request that was not throttled finished, in completion order.</summary>
    public ConcurrentQueue<DateTimeOffset> SpeechCompletions { get; } = new();

    /// <summary>Host arguments that add the Polly engine to the local one, pointed at this fake.</summary>
    public string[] HostArguments => HostSettings.AsArguments(EngineSettings);

    /// <summary>
    /// The same settings as environment variables for a host process, with this fake's key in the SDK's
    /// environment credentials (where <see cref="UseFakeCredentials"/> cannot reach).
    /// </summary>
    public IReadOnlyDictionary<string, string> HostEnvironment => new Dictionary<string, string>(HostSettings.AsEnvironment(EngineSettings))
    {
        ["AWS_ACCESS_KEY_ID"] = AccessKey,
        ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
    };

    private Dictionary<string, string> EngineSettings => new()
    {
        ["Speech:Engines"] = "local,polly",
        ["Speech:Polly:Region"] = Region,
        ["Speech:Polly:ServiceUrl"] = Url.ToString(),
    };

    /// <summary>
    /// Makes a host's Polly client sign with the key this fake knows; without it, the SDK's credential chain would
    /// look at this machine's environment. Runs after the host's own registrations.
    /// </summary>
    public static void UseFakeCredentials(IServiceCollection services)
    {
        services.RemoveAll<PollyClient>();
        services.AddSingleton(provider => new PollyClient(
            PollyRegistration.CreateHttpClient(provider.GetRequiredService<IOptions<PollyOptions>>().Value, new BasicAWSCredentials(AccessKey, SecretKey)),
            provider.GetRequiredService<ILogger<PollyClient>>()));
    }

    public IEnumerable<FakeRequest> AudioRequests => Requests.Where(r => r.Path == "/v1/speech" && r.OutputFormat != "json");

    public IEnumerable<FakeRequest> MarkRequests => Requests.Where(r => r.Path == "/v1/speech" && r.OutputFormat == "json");

    public static async Task<PollyFake> StartAsync()
    {
        var clip = await SharedClip.Value;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        PollyFake? fake = null;
        app.Run(context => fake!.HandleAsync(context));
        await app.StartAsync();
        fake = new PollyFake(app, clip);
        return fake;
    }

    /// <summary>
    /// The next <paramref name="times"/> speech requests (only those for <paramref name="outputFormat"/>, when
    /// given) fail with this status and Polly error type.
    /// </summary>
    public void FailNext(int times, int status, string errorType, PollyErrorStyle style = PollyErrorStyle.Header, string? outputFormat = null)
    {
        lock (_failuresLock)
        {
            _failures.AddRange(Enumerable.Repeat((status, errorType, style, outputFormat), times));
        }
    }

    private bool TryTakeFailure(string outputFormat, out (int Status, string Type, PollyErrorStyle Style, string? OutputFormat) failure)
    {
        lock (_failuresLock)
        {
            var index = _failures.FindIndex(f => f.OutputFormat is null || f.OutputFormat == outputFormat);
            failure = index >= 0 ? _failures[index] : default;
            if (index >= 0)
            {
                _failures.RemoveAt(index);
            }

            return index >= 0;
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request);
        if (VerifySignature(context.Request, body) is { } signatureError)
        {
            Interlocked.Increment(ref _signatureRejections);
            await ErrorAsync(context, 403, signatureError, PollyErrorStyle.Header);
            return;
        }

        switch (context.Request.Method, context.Request.Path.Value)
        {
            case ("GET", "/v1/voices"):
                Requests.Enqueue(new FakeRequest("/v1/voices", null, null, null, null, null, 0));
                await VoicesAsync(context);
                break;
            case ("POST", "/v1/speech"):
                await SpeechAsync(context, body);
                break;
            default:
                await ErrorAsync(context, 404, "UnknownOperationException", PollyErrorStyle.Header);
                break;
        }
    }

    private static async Task VoicesAsync(HttpContext context)
    {
        var start = int.TryParse(context.Request.Query["NextToken"], CultureInfo.InvariantCulture, out var token) ? token : 0;
        var page = Voices.Skip(start).Take(VoicesPerPage).Select(v => new
        {
            v.Gender,
            v.Id,
            v.LanguageCode,
            LanguageName = v.LanguageCode,
            Name = v.Id,
            v.SupportedEngines,
        });
        var next = start + VoicesPerPage < Voices.Count ? (start + VoicesPerPage).ToString(CultureInfo.InvariantCulture) : null;
        // Polly's rest-json names are PascalCase, unlike ASP.NET Core's web defaults.
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { Voices = page, NextToken = next }));
    }

    private async Task SpeechAsync(HttpContext context, byte[] body)
    {
        SpeechBody? request;
        try
        {
            request = JsonSerializer.Deserialize<SpeechBody>(body);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is not { Engine: not null, OutputFormat: not null, Text: not null, VoiceId: not null })
        {
            await ErrorAsync(context, 400, "ValidationException", PollyErrorStyle.Header);
            return;
        }

        var textType = request.TextType ?? "text";
        var billed = BilledCharacters(request.Text, textType);
        Requests.Enqueue(new FakeRequest("/v1/speech", request.Engine, request.OutputFormat, textType, request.VoiceId, request.Text, billed ?? -1));
        if (TryTakeFailure(request.OutputFormat, out var failure))
        {
            await ErrorAsync(context, failure.Status, failure.Type, failure.Style);
            return;
        }

        if (_quota is { } quota && !quota.TryTake())
        {
            Interlocked.Increment(ref _throttledRequests);
            await ErrorAsync(context, 400, "ThrottlingException", PollyErrorStyle.Header);
            return;
        }

        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, context.RequestAborted);
        }

        var voice = Voices.FirstOrDefault(v => v.Id == request.VoiceId);
        var error = (request, voice, billed) switch
        {
            _ when voice is null => "ValidationException",
            _ when !voice.SupportedEngines.Contains(request.Engine) => "EngineNotSupportedException",
            _ when billed is null => "InvalidSsmlException",
            _ when billed > MaxBilledCharacters || request.Text.Length > MaxTotalCharacters => "TextLengthExceededException",
            _ when request.OutputFormat is not ("mp3" or "ogg_vorbis" or "pcm" or "json") => "ValidationException",
            _ when request.OutputFormat == "json" && request.SpeechMarkTypes is not { Length: > 0 } => "ValidationException",
            _ when request.OutputFormat != "json" && request.SpeechMarkTypes is { Length: > 0 } => "MarksNotSupportedForFormatException",
            _ when request.SampleRate is not (null or "8000" or "16000" or "22050" or "24000") => "InvalidSampleRateException",
            _ => null,
        };
        if (error is not null)
        {
            await ErrorAsync(context, 400, error, PollyErrorStyle.Header);
            return;
        }

        context.Response.Headers["x-amzn-RequestCharacters"] = billed!.Value.ToString(CultureInfo.InvariantCulture);
        if (request.OutputFormat == "json")
        {
            context.Response.ContentType = "application/x-json-stream";
            await context.Response.WriteAsync(MarksFor(request.Text, textType, request.SpeechMarkTypes!));
        }
        else
        {
            context.Response.ContentType = "audio/mpeg";
            await context.Response.Body.WriteAsync(Clip);
        }

        SpeechCompletions.Enqueue(DateTimeOffset.UtcNow);
    }

    /// <summary>Characters of the text, SSML tags not counted; null when the SSML does not parse.</summary>
    private static int? BilledCharacters(string text, string textType)
    {
        if (textType != "ssml")
        {
            return text.EnumerateRunes().Count();
        }

        try
        {
            return XDocument.Parse(text).Root!.Value.EnumerateRunes().Count();
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>
    /// One JSON object a line. Words are runs outside whitespace and (for SSML) tags; a sentence runs to a
    /// word ending in . ! or ?. Offsets are UTF-8 byte offsets into the text as sent.
    /// </summary>
    private static string MarksFor(string text, string textType, string[] types)
    {
        var words = new List<(int Start, int End)>();
        for (var i = 0; i < text.Length;)
        {
            if (textType == "ssml" && text[i] == '<')
            {
                i = text.IndexOf('>', i) + 1;
            }
            else if (char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && !(textType == "ssml" && text[i] == '<'))
                {
                    i++;
                }

                words.Add((start, i));
            }
        }

        var lines = new StringBuilder();
        var sentenceStart = 0;
        for (var w = 0; w < words.Count; w++)
        {
            if (w == sentenceStart && types.Contains("sentence"))
            {
                var last = w;
                while (last < words.Count - 1 && !".!?".Contains(text[words[last].End - 1], StringComparison.Ordinal))
                {
                    last++;
                }

                AppendMark(lines, text, w * MillisecondsPerWord, "sentence", words[w].Start, words[last].End);
            }

            if (types.Contains("word"))
            {
                AppendMark(lines, text, w * MillisecondsPerWord, "word", words[w].Start, words[w].End);
            }

            if (".!?".Contains(text[words[w].End - 1], StringComparison.Ordinal))
            {
                sentenceStart = w + 1;
            }
        }

        return lines.ToString();
    }

    private static void AppendMark(StringBuilder lines, string text, int time, string type, int start, int end)
    {
        var mark = new
        {
            time,
            type,
            start = Encoding.UTF8.GetByteCount(text.AsSpan(0, start)),
            end = Encoding.UTF8.GetByteCount(text.AsSpan(0, end)),
            value = text[start..end],
        };
        lines.Append(JsonSerializer.Serialize(mark)).Append('\n');
    }

    /// <summary>Null when the request is signed by our key for Polly in our region; else Polly's error type.</summary>
    private static string? VerifySignature(HttpRequest request, byte[] body)
    {
        var authorization = AuthorizationPattern().Match(request.Headers.Authorization.ToString());
        var amzDate = request.Headers["x-amz-date"].ToString();
        if (!authorization.Success || amzDate.Length == 0)
        {
            return "MissingAuthenticationTokenException";
        }

        if (authorization.Groups["key"].Value != AccessKey)
        {
            return "InvalidClientTokenId";
        }

        var signedHeaders = authorization.Groups["headers"].Value.Split(';');
        if (!DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt)
            || authorization.Groups["date"].Value != amzDate[..8]
            || authorization.Groups["region"].Value != Region
            || authorization.Groups["service"].Value != "polly"
            || !signedHeaders.Contains("host")
            || !signedHeaders.Contains("x-amz-date")
            || (DateTime.UtcNow - signedAt).Duration() > TimeSpan.FromMinutes(5))
        {
            return "IncompleteSignatureException";
        }

        // Recompute the signature from what arrived, with the SDK's signer and our copy of the secret.
        var signing = new AWSSigningRequest
        {
            HttpMethod = new HttpMethod(request.Method),
            RequestUri = new Uri($"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}"),
            Content = body,
        };
        foreach (var header in signedHeaders.Where(h => h != "host"))
        {
            signing.Headers[header] = request.Headers[header].ToString();
        }

        var expected = AWSSigV4Signer.Sign(signing, new AWSSigV4Parameters
        {
            Credentials = new BasicAWSCredentials(AccessKey, SecretKey),
            Region = RegionEndpoint.GetBySystemName(Region),
            Service = "polly",
            SignedAt = signedAt,
        });
        var expectedAuthorization = expected.Headers.First(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).Value;
        return expectedAuthorization == request.Headers.Authorization.ToString() ? null : "InvalidSignatureException";
    }

    private static async Task ErrorAsync(HttpContext context, int status, string type, PollyErrorStyle style)
    {
        context.Response.StatusCode = status;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();

        // Real messages can quote the request and name the key; the client must never pass them on.
        var message = $"{type} for {AccessKey}: secret-bearing provider message";
        switch (style)
        {
            case PollyErrorStyle.Header:
                context.Response.Headers["x-amzn-ErrorType"] = $"{type}:http://internal.amazon.com/coral/com.amazonaws.polly/";
                await context.Response.WriteAsJsonAsync(new { message });
                break;
            case PollyErrorStyle.BodyType:
                await context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["__type"] = $"com.amazonaws.polly.v1#{type}", ["message"] = message });
                break;
            case PollyErrorStyle.BodyCode:
                await context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["code"] = type, ["Message"] = message });
                break;
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    [GeneratedRegex("^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<date>[0-9]{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request, SignedHeaders=(?<headers>[a-z0-9;-]+), Signature=[0-9a-f]{64}$")]
    private static partial Regex AuthorizationPattern();

    /// <summary>A token bucket: holds up to the burst, refills at the sustained rate.</summary>
    private sealed class TransactionQuota(double requestsPerSecond, int burst)
    {
        private readonly Lock _lock = new();
        private readonly long _start = System.Diagnostics.Stopwatch.GetTimestamp();
        private double _tokens = burst;
        private double _lastRefill;

        public bool TryTake()
        {
            lock (_lock)
            {
                var now = System.Diagnostics.Stopwatch.GetElapsedTime(_start).TotalSeconds;
                _tokens = Math.Min(burst, _tokens + ((now - _lastRefill) * requestsPerSecond));
                _lastRefill = now;
                if (_tokens < 1)
                {
                    return false;
                }

                _tokens--;
                return true;
            }
        }
    }

    private sealed record SpeechBody(string? Engine, string? OutputFormat, string? Text, string? TextType, string? VoiceId, string? SampleRate, string[]? SpeechMarkTypes);
}

public sealed record FakeVoice(string Id, string Gender, string LanguageCode, string[] SupportedEngines);

/// <summary>A request the fake accepted as signed; <see cref="BilledCharacters"/> is -1 for unparseable SSML.</summary>
public sealed record FakeRequest(string Path, string? Engine, string? OutputFormat, string? TextType, string? VoiceId, string? Text, int BilledCharacters);
