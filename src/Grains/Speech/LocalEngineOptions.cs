using Microsoft.Extensions.Options;

namespace Lector.Grains.Speech;

/// <summary>Settings shared by the engines that run a program on this machine and compress its WAV audio with lame.</summary>
public abstract class LocalEngineOptions
{
    /// <summary>The bitrates lame accepts for mono MP3 (it picks the sample rate that suits the bitrate).</summary>
    private static readonly int[] LameBitrates = [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 192, 224, 256, 320];

    /// <summary>The configuration section, for messages that name a setting.</summary>
    public abstract string SectionName { get; }

    /// <summary>The synthesizer, fed text on stdin.</summary>
    public abstract string Executable { get; set; }

    /// <summary>The MP3 encoder, lame or a program taking its arguments: given the WAV file to read and the MP3 file to write.</summary>
    public string Encoder { get; set; } = "lame";

    public int BitrateKbps { get; set; } = 48;

    /// <summary>Timeout of one synthesizer or encoder run, which speaks one part of a page.</summary>
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>Longest text of one run; a longer page is spoken in parts cut at sentence ends and joined.</summary>
    public abstract int MaxCharactersPerRun { get; set; }

    /// <summary>What is wrong with these settings, one message a setting; empty when they can be used.</summary>
    public virtual IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Executable))
        {
            yield return $"{SectionName}:{nameof(Executable)} must name a program.";
        }

        if (string.IsNullOrWhiteSpace(Encoder))
        {
            yield return $"{SectionName}:{nameof(Encoder)} must name a program.";
        }

        if (!LameBitrates.Contains(BitrateKbps))
        {
            yield return $"{SectionName}:{nameof(BitrateKbps)} must be an MP3 bitrate: {string.Join(", ", LameBitrates)}.";
        }

        if (TimeoutSeconds is < 1 or > 3600)
        {
            yield return $"{SectionName}:{nameof(TimeoutSeconds)} must be from 1 to 3600.";
        }

        if (MaxCharactersPerRun is < 100 or > 100_000)
        {
            yield return $"{SectionName}:{nameof(MaxCharactersPerRun)} must be from 100 to 100000.";
        }
    }
}

/// <summary>Refuses a local engine's settings at start when <see cref="LocalEngineOptions.Problems"/> finds any.</summary>
public sealed class LocalEngineOptionsValidation<TOptions> : IValidateOptions<TOptions>
    where TOptions : LocalEngineOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
