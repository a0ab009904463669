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

    public int TimeoutSeconds { get; set; } = 120;
}
