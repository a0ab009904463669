namespace Lector.Grains.Audio;

/// <summary>Whole-document synthesis settings, bound from the <c>Speech</c> section.</summary>
public sealed class DocumentAudioOptions
{
    public const string Section = "Speech";

    /// <summary>How many pages of one document job are in synthesis at once.</summary>
    public int DocumentConcurrency { get; set; } = 4;

    /// <summary>
    /// Pages tell their job when they finish; this is how often a job asks its pages in flight again, for the
    /// word that never came because a page's silo died.
    /// </summary>
    public TimeSpan DocumentRecheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Progress is saved at most this often while a job runs (and at once when it ends), not once per page.</summary>
    public TimeSpan DocumentSaveInterval { get; set; } = TimeSpan.FromSeconds(1);
}
