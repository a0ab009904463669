namespace Lector.Grains.Speech;

/// <summary>Settings of the local engine, bound from <c>Speech:Local</c>.</summary>
public sealed class EspeakOptions
{
    public const string Section = "Speech:Local";

    public string Executable { get; set; } = "espeak-ng";

    /// <summary>The MP3 encoder, fed WAV on stdin.</summary>
    public string Encoder { get; set; } = "lame";

    public int WordsPerMinute { get; set; } = 175;

    public int BitrateKbps { get; set; } = 48;

    /// <summary>Timeout of one espeak-ng or lame run, which speaks one part of a page.</summary>
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>Longest text of one espeak-ng run; a longer page is spoken in parts cut at sentence ends and joined.</summary>
    public int MaxCharactersPerRun { get; set; } = 4000;
}
