using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;
using Lector.Grains.Speech.Polly;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
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
/// An in-process stand-in for Amazon Polly held to its wire contract (see NOTES.md) and to what the official AWS SDK
/// for JavaScript sends and parses (PollySdkTests): it verifies each request's SigV4 signature from the request's own
/// signed headers (<see cref="SigV4Verifier"/>), enforces the 3,000 billed-character limit, answers real audio
/// (espeak-ng's MP3; Ogg Vorbis and PCM made from it) with its content type and <c>x-amzn-RequestCharacters</c>,
/// speech marks as JSON lines with UTF-8 byte offsets, voices in pages filtered by engine and language, the lexicon
/// operations, and Polly-shaped errors. It can be told to fail the next requests, to take a fixed time per speech
/// request, and to enforce a transactions-per-second quota the way Polly does (a token bucket; requests past it get
/// <c>ThrottlingException</c>).
/// </summary>
public sealed class PollyFake : IAsyncDisposable
{
    public const string AccessKey = "AKIDPOLLYFAKE0000001";
    public const string SecretKey = "pollyFakeSecret/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string Region = "eu-west-1";
    public const int MaxBilledCharacters = 3000;
    public const int MaxTotalCharacters = 6000;
    public const int MaxLexiconsPerRequest = 5;
    public const int VoicesPerPage = 2;
    public const int LexiconsPerPage = 2;

    /// <summary>Each word mark is this far after the previous one.</summary>
    public const int MillisecondsPerWord = 250;

    public static readonly IReadOnlyList<FakeVoice> Voices =
    [
        new("Joanna", "Female", "en-US", "US English", ["standard", "neural", "long-form", "generative"]),
        new("Matthew", "Male", "en-US", "US English", ["standard", "neural", "generative"]),
        new("Lea", "Female", "fr-FR", "French", ["standard", "neural"]),
        new("Remi", "Male", "fr-FR", "French", ["neural"]),
        new("Hans", "Male", "de-DE", "German", ["standard"]),
    ];

    public static readonly IReadOnlySet<string> Engines = new HashSet<string>(StringComparer.Ordinal) { "standard", "neural", "long-form", "generative" };

    /// <summary>Polly's language codes (its <c>LanguageCode</c> enumeration).</summary>
    public static readonly IReadOnlySet<string> LanguageCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "ar-AE", "arb", "ca-ES", "cmn-CN", "cs-CZ", "cy-GB", "da-DK", "de-AT", "de-CH", "de-DE", "en-AU", "en-GB", "en-GB-WLS",
        "en-IE", "en-IN", "en-NZ", "en-SG", "en-US", "en-ZA", "es-ES", "es-MX", "es-US", "fi-FI", "fr-BE", "fr-CA", "fr-FR",
        "hi-IN", "is-IS", "it-IT", "ja-JP", "ko-KR", "nb-NO", "nl-BE", "nl-NL", "pl-PL", "pt-BR", "pt-PT", "ro-RO", "ru-RU",
        "sv-SE", "tr-TR", "yue-CN",
    };

    private static readonly IReadOnlySet<string> Booleans = new HashSet<string>(StringComparer.Ordinal) { "true", "false" };

    /// <summary>The content type and the sample rates Polly takes for each output format the fake makes; the first rate is the default.</summary>
    private static readonly Dictionary<string, (string ContentType, int[] SampleRates)> Formats = new(StringComparer.Ordinal)
    {
        ["mp3"] = ("audio/mpeg", [22050, 8000, 16000, 24000]),
        ["ogg_vorbis"] = ("audio/ogg", [22050, 8000, 16000, 24000]),
        ["pcm"] = ("audio/pcm", [16000, 8000]),
        ["json"] = ("application/x-json-stream", []),
    };

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private static readonly SigV4Account Account = new(AccessKey, SecretKey, Region, "polly");

    private readonly WebApplication _app;
    private readonly Lock _failuresLock = new();
    private readonly List<(int Status, string Type, PollyErrorStyle Style, string? OutputFormat)> _failures = [];
    private readonly PollyFakeLexicons _lexicons = new();

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

    /// <summary>The lexicons stored with PutLexicon and not deleted, by name.</summary>
    public IReadOnlyList<FakeLexicon> Lexicons => _lexicons.All;

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

    public IEnumerable<FakeRequest> AudioRequests => Requests.Where(r => r.Operation == "SynthesizeSpeech" && r.OutputFormat != "json");

    public IEnumerable<FakeRequest> MarkRequests => Requests.Where(r => r.Operation == "SynthesizeSpeech" && r.OutputFormat == "json");

    public static async Task<PollyFake> StartAsync()
    {
        var clip = await PollyFakeAudio.Mp3Async();
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
        var request = context.Request;
        var body = await ReadBodyAsync(request);
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        if (SigV4Verifier.Verify(request.Method, rawTarget, request.Headers, body, Account, DateTimeOffset.UtcNow) is { } rejection)
        {
            Interlocked.Increment(ref _signatureRejections);
            await ErrorAsync(context, 403, rejection.ErrorType, rejection.Message, PollyErrorStyle.Header);
            return;
        }

        var path = request.Path.Value ?? "";
        var lexicon = path.StartsWith("/v1/lexicons/", StringComparison.Ordinal) ? path["/v1/lexicons/".Length..] : null;
        try
        {
            switch (request.Method, path)
            {
                case ("GET", "/v1/voices"):
                    Record("DescribeVoices", path);
                    await DescribeVoicesAsync(context);
                    break;
                case ("POST", "/v1/speech"):
                    await SpeechAsync(context, body);
                    break;
                case ("GET", "/v1/lexicons"):
                    Record("ListLexicons", path);
                    await ListLexiconsAsync(context);
                    break;
                case ("PUT", _) when lexicon is not null:
                    Record("PutLexicon", path);
                    _lexicons.Put(lexicon, ReadJson<LexiconBody>(body).Content, TimeProvider.System);
                    break;
                case ("GET", _) when lexicon is not null:
                    Record("GetLexicon", path);
                    var stored = _lexicons.Get(lexicon);
                    await WriteJsonAsync(context, new { Lexicon = new { stored.Content, stored.Name }, LexiconAttributes = Attributes(stored) });
                    break;
                case ("DELETE", _) when lexicon is not null:
                    Record("DeleteLexicon", path);
                    _lexicons.Delete(lexicon);
                    break;
                default:
                    throw new PollyFakeError(404, "UnknownOperationException", $"No operation answers {request.Method} {path}.");
            }
        }
        catch (PollyFakeError error)
        {
            await ErrorAsync(context, error.Status, error.Type, error.Message, PollyErrorStyle.Header);
        }
    }

    private void Record(string operation, string path) => Requests.Enqueue(new FakeRequest(operation, path, null, null, null, null, null, 0));

    private static async Task DescribeVoicesAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var engine = Optional(query, "Engine", Engines);
        var language = Optional(query, "LanguageCode", LanguageCodes);
        _ = Optional(query, "IncludeAdditionalLanguageCodes", Booleans);
        var matching = Voices.Where(v => (engine is null || v.SupportedEngines.Contains(engine)) && (language is null || v.LanguageCode == language)).ToList();
        var (page, next) = Page(matching, VoicesPerPage, query["NextToken"], $"voices|{engine}|{language}");
        await WriteJsonAsync(context, new
        {
            Voices = page.Select(v => new { v.Gender, v.Id, v.LanguageCode, v.LanguageName, Name = v.Id, v.SupportedEngines }),
            NextToken = next,
        });
    }

    private async Task ListLexiconsAsync(HttpContext context)
    {
        var (page, next) = Page(_lexicons.All, LexiconsPerPage, context.Request.Query["NextToken"], "lexicons");
        await WriteJsonAsync(context, new { Lexicons = page.Select(l => new { l.Name, Attributes = Attributes(l) }), NextToken = next });
    }

    private static object Attributes(FakeLexicon lexicon) => new
    {
        lexicon.Alphabet,
        lexicon.LanguageCode,

        // rest-json timestamps in a body are seconds since the epoch.
        LastModified = lexicon.LastModified.ToUnixTimeMilliseconds() / 1000.0,
        lexicon.LexemesCount,
        LexiconArn = $"arn:aws:polly:{Region}:123456789012:lexicon/{lexicon.Name}",
        Size = lexicon.Content.Length,
    };

    /// <summary>
    /// One page of <paramref name="items"/> and the token of the next. Tokens are opaque to clients and name the
    /// listing they belong to, so a token that was not given out for this listing is refused.
    /// </summary>
    private static (IEnumerable<T> Page, string? Next) Page<T>(IReadOnlyList<T> items, int pageSize, string? token, string listing)
    {
        var start = 0;
        if (!string.IsNullOrEmpty(token))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            }
            catch (FormatException)
            {
                decoded = "";
            }

            var separator = decoded.LastIndexOf('|');
            if (separator < 0 || decoded[..separator] != listing
                || !int.TryParse(decoded[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out start) || start == 0)
            {
                throw new PollyFakeError(400, "InvalidNextTokenException", "The NextToken is invalid.");
            }
        }

        var next = start + pageSize < items.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes($"{listing}|{start + pageSize}")) : null;
        return (items.Skip(start).Take(pageSize), next);
    }

    /// <summary>A query parameter that may be absent but, when present, must be one of <paramref name="allowed"/>.</summary>
    private static string? Optional(IQueryCollection query, string name, IReadOnlySet<string> allowed)
    {
        var value = query[name].ToString();
        return value.Length == 0 ? null
            : allowed.Contains(value) ? value
            : throw PollyFakeError.Validation($"1 validation error detected: Value '{value}' at '{char.ToLowerInvariant(name[0])}{name[1..]}' failed to satisfy constraint: Member must satisfy enum value set");
    }

    private async Task SpeechAsync(HttpContext context, byte[] body)
    {
        var request = ReadJson<SpeechBody>(body);
        var textType = request.TextType ?? "text";
        var billed = request.Text is null ? null : BilledCharacters(request.Text, textType);
        Requests.Enqueue(new FakeRequest("SynthesizeSpeech", "/v1/speech", request.Engine, request.OutputFormat, textType, request.VoiceId, request.Text, billed ?? -1, request.LexiconNames));
        Validate(request);
        if (TryTakeFailure(request.OutputFormat!, out var failure))
        {
            await ErrorAsync(context, failure.Status, failure.Type, $"{failure.Type} for {AccessKey}: secret-bearing provider message", failure.Style);
            return;
        }

        if (_quota is { } quota && !quota.TryTake())
        {
            Interlocked.Increment(ref _throttledRequests);
            throw new PollyFakeError(400, "ThrottlingException", "Rate exceeded");
        }

        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, context.RequestAborted);
        }

        var engine = request.Engine ?? "standard";
        var voice = Voices.First(v => v.Id == request.VoiceId);
        var (contentType, sampleRates) = Formats[request.OutputFormat!];
        var sampleRate = request.SampleRate is null ? sampleRates.FirstOrDefault() : int.Parse(request.SampleRate, CultureInfo.InvariantCulture);
        var error = (request, billed) switch
        {
            _ when !voice.SupportedEngines.Contains(engine) => PollyFakeError.Validation($"This voice does not support the selected engine: {engine}"),
            _ when request.LexiconNames?.FirstOrDefault(name => !_lexicons.All.Any(l => l.Name == name)) is { } missing => PollyFakeLexicons.NotFound(missing),
            _ when billed is null => new PollyFakeError(400, "InvalidSsmlException", "Invalid SSML request"),
            _ when billed > MaxBilledCharacters || request.Text!.Length > MaxTotalCharacters
                => new PollyFakeError(400, "TextLengthExceededException", $"Maximum text length has been exceeded: {billed} billed characters, at most {MaxBilledCharacters}."),
            _ when request.OutputFormat == "json" && request.SpeechMarkTypes is not { Length: > 0 } => PollyFakeError.Validation("Speech marks output needs SpeechMarkTypes."),
            _ when request.OutputFormat != "json" && request.SpeechMarkTypes is { Length: > 0 }
                => new PollyFakeError(400, "MarksNotSupportedForFormatException", $"Speech marks are not supported for the {request.OutputFormat} output format."),
            _ when textType != "ssml" && request.SpeechMarkTypes?.Contains("ssml") == true
                => new PollyFakeError(400, "SsmlMarksNotSupportedForTextTypeException", "SSML speech marks need TextType ssml."),
            _ when request.SampleRate is not null && request.OutputFormat != "json" && !sampleRates.Contains(sampleRate)
                => new PollyFakeError(400, "InvalidSampleRateException", $"The sample rate {request.SampleRate} is not valid for {request.OutputFormat}."),
            _ => null,
        };
        if (error is not null)
        {
            throw error;
        }

        context.Response.Headers["x-amzn-RequestCharacters"] = billed!.Value.ToString(CultureInfo.InvariantCulture);
        context.Response.ContentType = contentType;
        if (request.OutputFormat == "json")
        {
            await context.Response.WriteAsync(MarksFor(request.Text!, textType, request.SpeechMarkTypes!));
        }
        else
        {
            var audio = request.OutputFormat == "mp3" ? Clip : await PollyFakeAudio.ConvertedAsync(request.OutputFormat!, sampleRate);
            await context.Response.Body.WriteAsync(audio);
        }

        SpeechCompletions.Enqueue(DateTimeOffset.UtcNow);
    }

    /// <summary>What Polly checks of a request's shape before it looks at the voice or the text.</summary>
    private static void Validate(SpeechBody request)
    {
        var problem = request switch
        {
            { OutputFormat: null } => "Value null at 'outputFormat' failed to satisfy constraint: Member must not be null",
            { Text: null } => "Value null at 'text' failed to satisfy constraint: Member must not be null",
            { VoiceId: null } => "Value null at 'voiceId' failed to satisfy constraint: Member must not be null",
            _ when !Formats.ContainsKey(request.OutputFormat) => $"Value '{request.OutputFormat}' at 'outputFormat' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", Formats.Keys)}]",
            _ when !Voices.Any(v => v.Id == request.VoiceId) => $"Value '{request.VoiceId}' at 'voiceId' failed to satisfy constraint: Member must satisfy enum value set",
            _ when request.Engine is not null && !Engines.Contains(request.Engine) => $"Value '{request.Engine}' at 'engine' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", Engines)}]",
            _ when request.TextType is not (null or "text" or "ssml") => $"Value '{request.TextType}' at 'textType' failed to satisfy constraint: Member must satisfy enum value set: [ssml, text]",
            _ when request.LanguageCode is not null && !LanguageCodes.Contains(request.LanguageCode) => $"Value '{request.LanguageCode}' at 'languageCode' failed to satisfy constraint: Member must satisfy enum value set",
            _ when request.SpeechMarkTypes?.Any(t => t is not ("sentence" or "ssml" or "viseme" or "word")) == true => "Value at 'speechMarkTypes' failed to satisfy constraint: Member must satisfy enum value set: [sentence, ssml, viseme, word]",
            _ when request.LexiconNames?.Length > MaxLexiconsPerRequest => $"Value at 'lexiconNames' failed to satisfy constraint: Member must have length less than or equal to {MaxLexiconsPerRequest}",
            _ when request.SampleRate is not null && !int.TryParse(request.SampleRate, NumberStyles.None, CultureInfo.InvariantCulture, out _) => $"Value '{request.SampleRate}' at 'sampleRate' is not a number",
            _ => null,
        };
        if (problem is not null)
        {
            throw PollyFakeError.Validation($"1 validation error detected: {problem}");
        }
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

    private static async Task ErrorAsync(HttpContext context, int status, string type, string message, PollyErrorStyle style)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        switch (style)
        {
            case PollyErrorStyle.Header:
                context.Response.Headers["x-amzn-ErrorType"] = $"{type}:http://internal.amazon.com/coral/com.amazonaws.polly/";
                await context.Response.WriteAsync(JsonSerializer.Serialize(new { message }));
                break;
            case PollyErrorStyle.BodyType:
                await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = $"com.amazonaws.polly.v1#{type}", ["message"] = message }));
                break;
            case PollyErrorStyle.BodyCode:
                await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["code"] = type, ["Message"] = message }));
                break;
        }
    }

    /// <summary>Polly's rest-json names are PascalCase, unlike ASP.NET Core's web defaults; absent members are left out.</summary>
    private static Task WriteJsonAsync(HttpContext context, object value)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(value, Json));
    }

    private static T ReadJson<T>(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body.Length == 0 ? "{}"u8 : body) ?? throw new JsonException("null");
        }
        catch (JsonException)
        {
            throw new PollyFakeError(400, "SerializationException", "The request body is not the JSON this operation takes.");
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

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

    private sealed record SpeechBody(
        string? Engine,
        string? LanguageCode,
        string[]? LexiconNames,
        string? OutputFormat,
        string? SampleRate,
        string[]? SpeechMarkTypes,
        string? Text,
        string? TextType,
        string? VoiceId);

    private sealed record LexiconBody(string? Content);
}

public sealed record FakeVoice(string Id, string Gender, string LanguageCode, string LanguageName, string[] SupportedEngines);

/// <summary>
/// A request the fake accepted as signed, named by its Polly operation; the speech fields are set for SynthesizeSpeech
/// only, and <see cref="BilledCharacters"/> is -1 when the text is missing or its SSML does not parse.
/// </summary>
public sealed record FakeRequest(
    string Operation,
    string Path,
    string? Engine,
    string? OutputFormat,
    string? TextType,
    string? VoiceId,
    string? Text,
    int BilledCharacters,
    IReadOnlyList<string>? LexiconNames = null);
