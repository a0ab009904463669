using Lector.Abstractions.Audio;

namespace Lector.Grains.Speech.Festival;

/// <summary>A Festival voice Lector can offer: its name after <c>festival:</c>, Festival's own name for it, and how it is listed.</summary>
internal sealed record FestivalVoice(string Name, string FestivalName, string DisplayName, string Language, string Gender)
{
    /// <summary>The voices whose language Lector knows; each is offered when Festival has it installed.</summary>
    public static readonly IReadOnlyList<FestivalVoice> Known =
    [
        // Debian's festvox-us-slt-hts: an HTS (statistical parametric) voice, far more natural than a diphone voice,
        // trained on CMU ARCTIC's speaker "slt", a woman.
        new("en-us-slt", "cmu_us_slt_arctic_hts", "SLT (HTS)", "en-US", VoiceGender.Female),
    ];
}
