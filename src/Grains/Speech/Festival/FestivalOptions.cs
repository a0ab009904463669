namespace Lector.Grains.Speech.Festival;

/// <summary>Settings of the Festival engine, bound from <c>Speech:Festival</c>.</summary>
public sealed class FestivalOptions : LocalEngineOptions
{
    public const string Section = "Speech:Festival";

    public override string SectionName => Section;

    public override string Executable { get; set; } = "festival";

    /// <summary>Festival speaks about 20 times faster than real time, espeak-ng about 1,000 times: its runs are kept shorter.</summary>
    public override int MaxCharactersPerRun { get; set; } = 2000;
}
