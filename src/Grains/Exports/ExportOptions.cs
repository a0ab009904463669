using Microsoft.Extensions.Options;

namespace Lector.Grains.Exports;

/// <summary>Whole-document export settings, bound from the <c>Exports</c> section and checked at start.</summary>
public sealed class ExportOptions
{
    public const string Section = "Exports";

    /// <summary>The ffmpeg program, which decodes the pages' audio and encodes and muxes the file.</summary>
    public string Ffmpeg { get; set; } = "ffmpeg";

    /// <summary>Where builds keep their intermediate files (empty: the system's temp directory); each build's own folder is removed when it ends.</summary>
    public string WorkDirectory { get; set; } = "";

    /// <summary>The sample rate of the file: speech engines' audio is decoded to it, one channel.</summary>
    public int SampleRate { get; set; } = 24000;

    public int BitrateKbps { get; set; } = 64;

    /// <summary>How many exports (voices times formats) one document may have.</summary>
    public int MaxPerDocument { get; set; } = 12;

    /// <summary>How many builds encode at once on one silo; the others wait their turn.</summary>
    public int MaxConcurrentBuilds { get; set; } = 1;

    /// <summary>
    /// While its pages' audio is made, a build follows the document's events; when none comes for this long it asks the
    /// document's audio job directly. It is also how often an unfinished export checks its build still runs.
    /// </summary>
    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long decoding one page's audio may take before the build fails.</summary>
    public TimeSpan PageTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a build waits for the document's audio job to settle a page (complete or fail one) before it is
    /// interrupted and started again, joining the job anew: a build never waits on a job forever.
    /// </summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromMinutes(10);

    public static readonly int[] SampleRates = [16000, 22050, 24000, 32000, 44100, 48000];

    /// <summary>Why the settings cannot work, one message each; empty when they can.</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Ffmpeg))
        {
            yield return $"{Section}:{nameof(Ffmpeg)} must name the ffmpeg program.";
        }

        if (!SampleRates.Contains(SampleRate))
        {
            yield return $"{Section}:{nameof(SampleRate)} must be one of {string.Join(", ", SampleRates)}.";
        }

        if (BitrateKbps is < 16 or > 320)
        {
            yield return $"{Section}:{nameof(BitrateKbps)} must be from 16 to 320.";
        }

        if (MaxPerDocument < 1 || MaxConcurrentBuilds < 1)
        {
            yield return $"{Section}:{nameof(MaxPerDocument)} and {Section}:{nameof(MaxConcurrentBuilds)} must be at least 1.";
        }

        if (RecheckInterval <= TimeSpan.Zero || PageTimeout <= TimeSpan.Zero || StallTimeout <= TimeSpan.Zero)
        {
            yield return $"{Section}:{nameof(RecheckInterval)}, {Section}:{nameof(PageTimeout)} and {Section}:{nameof(StallTimeout)} must be positive.";
        }
    }
}

/// <summary>Refuses settings an export could not work with, at start, naming each problem.</summary>
public sealed class ExportOptionsValidation : IValidateOptions<ExportOptions>
{
    public ValidateOptionsResult Validate(string? name, ExportOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems
            ? ValidateOptionsResult.Fail(problems)
            : ValidateOptionsResult.Success;
}
