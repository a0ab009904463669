namespace Lector.Grains.Speech.Normalization;

/// <summary>The words a language says for the signs the rules read out.</summary>
internal sealed record SpokenWords
{
    /// <summary>The "." of a web address or a dotted name.</summary>
    public required string Dot { get; init; }

    public required string At { get; init; }

    public required string Slash { get; init; }

    public required string Dash { get; init; }

    public required string Underscore { get; init; }

    public required string Colon { get; init; }

    public required string Tilde { get; init; }

    public required string Plus { get; init; }

    public required string Copyright { get; init; }

    /// <summary>Between the ends of a range: "1990 to 1995".</summary>
    public required string RangeTo { get; init; }

    /// <summary>Before a range, "between" asks for "and" instead of "to".</summary>
    public required string Between { get; init; }

    public required string And { get; init; }

    public required string Minus { get; init; }

    public required string PlusOrMinus { get; init; }

    public required string Percent { get; init; }

    public required string PerMille { get; init; }

    /// <summary>"#5", "No. 5".</summary>
    public required string Number { get; init; }

    /// <summary>"~5".</summary>
    public required string About { get; init; }

    /// <summary>"1920×1080".</summary>
    public required string By { get; init; }

    /// <summary>Between the parts of a version or an address: "1 point 2 point 3".</summary>
    public required string VersionPoint { get; init; }

    /// <summary>An exponent ² after a single letter: "x squared".</summary>
    public required string Squared { get; init; }

    public required string Cubed { get; init; }

    /// <summary>Fractions written as one sign: ½, ¼, ¾.</summary>
    public required string Half { get; init; }

    public required string Quarter { get; init; }

    public required string ThreeQuarters { get; init; }
}
