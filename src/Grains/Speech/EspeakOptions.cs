namespace Lector.Grains.Speech;

/// <summary>Settings of the local engine, bound from <c>Speech:Local</c>.</summary>
public sealed class EspeakOptions : LocalEngineOptions
{
    public const string Section = "Speech:Local";

    public override string SectionName => Section;

    public override string Executable { get; set; } = "espeak-ng";

    public int WordsPerMinute { get; set; } = 175;

    public override int MaxCharactersPerRun { get; set; } = 4000;

    public override IEnumerable<string> Problems() =>
        WordsPerMinute is >= 80 and <= 450
            ? base.Problems()
            : base.Problems().Append($"{Section}:{nameof(WordsPerMinute)} must be from 80 to 450.");
}
