namespace Lector.Grains.Speech.Polly;

/// <summary>Settings of the Amazon Polly engine, bound from <c>Speech:Polly</c>.</summary>
public sealed class PollyOptions
{
    public const string Section = "Speech:Polly";

    /// <summary>The AWS region; also the signing region.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Overrides the endpoint <c>https://polly.{Region}.amazonaws.com</c>, e.g. for a VPC endpoint or a test server.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Only <c>mp3</c>: the parts of a long text are joined frame by frame, which needs a frame-based format.</summary>
    public string OutputFormat { get; set; } = "mp3";

    /// <summary>Hz as Polly spells it ("22050", "24000"); null takes the engine's default.</summary>
    public string? SampleRate { get; set; }

    /// <summary>Polly's limit of billed characters per SynthesizeSpeech; longer text is split at sentence ends.</summary>
    public int MaxBilledCharacters { get; set; } = 3000;

    /// <summary>Also ask for sentence and word marks (a second, separately billed request per part).</summary>
    public bool SpeechMarks { get; set; } = true;

    /// <summary>Speaking rate in percent; anything but 100 sends SSML with a prosody rate.</summary>
    public int SpeakingRatePercent { get; set; } = 100;

    /// <summary>The soft timeout of one HTTP call; a timed-out call counts as a transient failure.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>How long the voice list is reused before it is asked for again.</summary>
    public int VoiceCacheMinutes { get; set; } = 360;

    /// <summary>
    /// Client-side pacing of SynthesizeSpeech per Polly engine, on each silo; defaults are Polly's quotas.
    /// With several silos, set each to its share of the account's quota.
    /// </summary>
    public Dictionary<string, double> RequestsPerSecond { get; set; } = new(StringComparer.Ordinal)
    {
        [PollyEngines.Standard] = 80,
        [PollyEngines.Neural] = 8,
        [PollyEngines.LongForm] = 8,
        [PollyEngines.Generative] = 8,
    };

    public Uri Endpoint => ServiceUrl ?? new Uri($"https://polly.{Region}.amazonaws.com/");
}

/// <summary>Polly's engine names, as they appear on the wire and in voice ids.</summary>
public static class PollyEngines
{
    public const string Standard = "standard";
    public const string Neural = "neural";
    public const string LongForm = "long-form";
    public const string Generative = "generative";

    public static readonly IReadOnlyList<string> All = [Standard, Neural, LongForm, Generative];
}
