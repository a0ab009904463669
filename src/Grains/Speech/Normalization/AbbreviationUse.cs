namespace Lector.Grains.Speech.Normalization;

/// <summary>Where an abbreviation stands for its words.</summary>
internal enum AbbreviationUse
{
    /// <summary>Anywhere, and never at the end of a sentence ("e.g.", "vs."): its period is no full stop.</summary>
    Inline,

    /// <summary>Anywhere, and often last in a sentence ("Inc.", "etc."): before a capital or at the end its period stays as a full stop.</summary>
    MayEndSentence,

    /// <summary>Only before a capitalized name: a title ("Dr.", "Mme", "Sr.").</summary>
    BeforeName,

    /// <summary>Only before a number ("No. 5", "p. 12", "Fig. 3").</summary>
    BeforeNumber,
}
