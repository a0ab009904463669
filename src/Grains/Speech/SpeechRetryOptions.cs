namespace Lector.Grains.Speech;

/// <summary>
/// How a page-voice audio retries transient failures, bound from the <c>Speech</c> section: synthesis up to
/// <see cref="MaxAttempts"/> times, storing what the engine made for longer (a blob store outage is waited out rather
/// than paid for again), both waiting with the same exponential backoff and full jitter.
/// </summary>
public sealed class SpeechRetryOptions
{
    public const string Section = "Speech";

    /// <summary>What <see cref="IsValid"/> asks, naming the keys.</summary>
    public static readonly string Requirements =
        $"{Section}:{nameof(MaxAttempts)} must be from 1 to 10, {Section}:{nameof(FirstRetryDelay)} more than zero, and {Section}:{nameof(MaxRetryDelay)} from {Section}:{nameof(FirstRetryDelay)} to 00:10:00.";

    /// <summary>The hard limit of synthesis attempts per audio, the first included; after it the audio fails for good.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The wait before the first retry; each later wait may double, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts at storing what the engine made: about ten minutes' worth at the default delays.</summary>
    public int BlobPutAttempts => 20;

    public bool IsValid() =>
        MaxAttempts is >= 1 and <= 10 && FirstRetryDelay > TimeSpan.Zero && MaxRetryDelay >= FirstRetryDelay && MaxRetryDelay <= TimeSpan.FromMinutes(10);
}
