namespace Lector.Grains.Speech.Normalization;

/// <summary>The gender of the noun a number counts or ranks: Spanish and French numbers agree with it ("una hora", "vingt et une pages").</summary>
internal enum GrammaticalGender
{
    Masculine,
    Feminine,
}
