namespace Lector.Abstractions.Audio;

/// <summary>
/// The genders a <see cref="VoiceInfo"/> reports: what its engine declares for the voice, or <see cref="Unknown"/>
/// where the engine declares none (espeak-ng lists "M" for every language voice that names no gender).
/// </summary>
public static class VoiceGender
{
    public const string Female = "female";
    public const string Male = "male";
    public const string Unknown = "unknown";

    /// <summary>An engine's own word for a voice's gender ("Female", "male", null...), as one of the three values.</summary>
    public static string Of(string? declared) => declared?.Trim().ToLowerInvariant() switch
    {
        Female => Female,
        Male => Male,
        _ => Unknown,
    };
}
