namespace Lector.Grains.Speech.Normalization;

/// <summary>A currency's main unit and, where amounts are written with one, its hundredth.</summary>
internal sealed record CurrencyNames(NounForms Unit, NounForms? Hundredth);
