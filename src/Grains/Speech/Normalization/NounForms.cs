namespace Lector.Grains.Speech.Normalization;

/// <summary>A noun a number counts (a unit, a currency): its singular, its plural and, for agreement, its gender.</summary>
internal sealed record NounForms(string Singular, string Plural, GrammaticalGender Gender = GrammaticalGender.Masculine);
