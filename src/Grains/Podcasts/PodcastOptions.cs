using Microsoft.Extensions.Options;

namespace Lector.Grains.Podcasts;

/// <summary>Private podcast feed settings, bound from the <c>Podcasts</c> section and checked at start.</summary>
public sealed class PodcastOptions
{
    public const string Section = "Podcasts";

    /// <summary>How many feeds (all voices, all their creators) one document may have.</summary>
    public int MaxFeedsPerDocument { get; set; } = 20;

    /// <summary>
    /// How often a podcast's episodes are brought up to date at most when its feeds are read, and how soon they are
    /// again while the document's pages are still being synthesized.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many episodes are built at once on one silo; the others wait their turn.</summary>
    public int MaxConcurrentBuilds { get; set; } = 2;

    /// <summary>Why the settings cannot work, one message each; empty when they can.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxFeedsPerDocument < 1 || MaxConcurrentBuilds < 1)
        {
            yield return $"{Section}:{nameof(MaxFeedsPerDocument)} and {Section}:{nameof(MaxConcurrentBuilds)} must be at least 1.";
        }

        // Below a second, refreshes following a running audio job would run back to back.
        if (RefreshInterval < TimeSpan.FromSeconds(1) || RefreshInterval > TimeSpan.FromDays(1))
        {
            yield return $"{Section}:{nameof(RefreshInterval)} must be from 00:00:01 to 1.00:00:00.";
        }
    }
}

/// <summary>Refuses settings the feeds could not work with, at start, naming each problem.</summary>
public sealed class PodcastOptionsValidation : IValidateOptions<PodcastOptions>
{
    public ValidateOptionsResult Validate(string? name, PodcastOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems
            ? ValidateOptionsResult.Fail(problems)
            : ValidateOptionsResult.Success;
}
