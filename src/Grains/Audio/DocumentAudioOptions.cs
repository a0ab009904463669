namespace Lector.Grains.Audio;

/// <summary>Whole-document synthesis settings, bound from the <c>Speech</c> section.</summary>
public sealed class DocumentAudioOptions
{
    public const string Section = "Speech";

    /// <summary>How many pages of one document job are in synthesis at once.</summary>
    public int DocumentConcurrency { get; set; } = 4;

    /// <summary>How often a running job looks at its pages in flight.</summary>
    public TimeSpan DocumentPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
