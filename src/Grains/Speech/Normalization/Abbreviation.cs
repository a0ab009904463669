namespace Lector.Grains.Speech.Normalization;

/// <summary>
/// An abbreviation as written, what is said for it, and where it is one: some only before a name ("Dr. Smith") or a
/// number ("No. 5"), since "Dr." and "no." mean other things elsewhere. <paramref name="SpokenAfterName"/> is said
/// after a name or a number instead ("Main St." is a street, "St. Louis" a saint).
/// </summary>
internal sealed record Abbreviation(string Written, string Spoken, AbbreviationUse Use, string? SpokenAfterName = null)
{
    /// <summary>The same words for several ways of writing them ("e.g.", "e. g.").</summary>
    public static IEnumerable<Abbreviation> Forms(AbbreviationUse use, string spoken, params string[] written) =>
        written.Select(w => new Abbreviation(w, spoken, use));
}
