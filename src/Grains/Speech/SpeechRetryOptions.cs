namespace Lector.Grains.Speech;

/// <summary>How a page-voice audio retries transient synthesis failures, bound from the <c>Speech</c> section.</summary>
public sealed class SpeechRetryOptions
{
    public const string Section = "Speech";

    /// <summary>The hard limit of synthesis attempts per audio, the first included; after it the audio fails for good.</summary>
    public int MaxAttempts { get; set; } = 3;
}
