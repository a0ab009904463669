using Lector.Grains.Speech.Normalization;

namespace Lector.Grains.Tests.Speech.Normalization;

public sealed class NumberWordsTests
{
    [Theory]
    [InlineData(0, "zero")]
    [InlineData(7, "seven")]
    [InlineData(13, "thirteen")]
    [InlineData(21, "twenty-one")]
    [InlineData(105, "one hundred five")]
    [InlineData(999, "nine hundred ninety-nine")]
    [InlineData(1001, "one thousand one")]
    [InlineData(2024, "two thousand twenty-four")]
    [InlineData(1_234_567, "one million two hundred thirty-four thousand five hundred sixty-seven")]
    [InlineData(3_000_000_000, "three billion")]
    [InlineData(-40, "minus forty")]
    public void English_cardinals(long number, string expected) => Assert.Equal(expected, EnglishNumberWords.Instance.Cardinal(number));

    [Theory]
    [InlineData(1, "first")]
    [InlineData(2, "second")]
    [InlineData(3, "third")]
    [InlineData(5, "fifth")]
    [InlineData(8, "eighth")]
    [InlineData(9, "ninth")]
    [InlineData(12, "twelfth")]
    [InlineData(20, "twentieth")]
    [InlineData(21, "twenty-first")]
    [InlineData(40, "fortieth")]
    [InlineData(100, "one hundredth")]
    [InlineData(1000, "one thousandth")]
    public void English_ordinals(long number, string expected) => Assert.Equal(expected, EnglishNumberWords.Instance.Ordinal(number));

    [Theory]
    [InlineData(1, "uno")]
    [InlineData(16, "dieciséis")]
    [InlineData(21, "veintiuno")]
    [InlineData(22, "veintidós")]
    [InlineData(31, "treinta y uno")]
    [InlineData(100, "cien")]
    [InlineData(101, "ciento uno")]
    [InlineData(500, "quinientos")]
    [InlineData(1000, "mil")]
    [InlineData(1999, "mil novecientos noventa y nueve")]
    [InlineData(21_000, "veintiún mil")]
    [InlineData(1_000_000, "un millón")]
    [InlineData(2_500_000, "dos millones quinientos mil")]
    [InlineData(1_000_000_000, "mil millones")]
    [InlineData(1_000_000_000_000, "un billón")]
    public void Spanish_cardinals(long number, string expected) => Assert.Equal(expected, SpanishNumberWords.Instance.Cardinal(number));

    [Theory]
    [InlineData(1, "una")]
    [InlineData(21, "veintiuna")]
    [InlineData(200, "doscientas")]
    [InlineData(561, "quinientas sesenta y una")]
    [InlineData(300_000, "trescientas mil")]
    public void Spanish_feminine_cardinals(long number, string expected) =>
        Assert.Equal(expected, SpanishNumberWords.Instance.Cardinal(number, GrammaticalGender.Feminine));

    [Theory]
    [InlineData(1, false, "un")]
    [InlineData(21, false, "veintiún")]
    [InlineData(41, false, "cuarenta y un")]
    [InlineData(1, true, "una")]
    [InlineData(1_000_000, false, "un millón de")]
    public void Spanish_cardinals_before_a_noun(long number, bool feminine, string expected) =>
        Assert.Equal(expected, SpanishNumberWords.Instance.CardinalBeforeNoun(number, Gender(feminine)));

    [Theory]
    [InlineData(1, false, false, "primero")]
    [InlineData(1, false, true, "primer")]
    [InlineData(1, true, false, "primera")]
    [InlineData(3, false, true, "tercer")]
    [InlineData(10, false, false, "décimo")]
    [InlineData(11, false, false, "undécimo")]
    [InlineData(13, true, false, "decimotercera")]
    [InlineData(23, false, true, "vigésimo tercer")]
    [InlineData(21, true, false, "vigésima primera")]
    [InlineData(100, false, false, "centésimo")]
    [InlineData(1000, false, false, "milésimo")]
    [InlineData(1500, false, false, "mil quinientos")]
    public void Spanish_ordinals(long number, bool feminine, bool beforeNoun, string expected) =>
        Assert.Equal(expected, SpanishNumberWords.Instance.Ordinal(number, Gender(feminine), beforeNoun));

    [Theory]
    [InlineData(1, "un")]
    [InlineData(17, "dix-sept")]
    [InlineData(21, "vingt et un")]
    [InlineData(70, "soixante-dix")]
    [InlineData(71, "soixante et onze")]
    [InlineData(80, "quatre-vingts")]
    [InlineData(81, "quatre-vingt-un")]
    [InlineData(99, "quatre-vingt-dix-neuf")]
    [InlineData(200, "deux cents")]
    [InlineData(201, "deux cent un")]
    [InlineData(1000, "mille")]
    [InlineData(80_000, "quatre-vingt mille")]
    [InlineData(200_000, "deux cent mille")]
    [InlineData(1_234, "mille deux cent trente-quatre")]
    [InlineData(2_000_000, "deux millions")]
    [InlineData(200_000_000, "deux cents millions")]
    [InlineData(1_000_000_000, "un milliard")]
    public void French_cardinals(long number, string expected) => Assert.Equal(expected, FrenchNumberWords.France.Cardinal(number));

    [Theory]
    [InlineData(70, "septante")]
    [InlineData(71, "septante et un")]
    [InlineData(80, "quatre-vingts")]
    [InlineData(95, "nonante-cinq")]
    public void Belgian_and_Swiss_french_cardinals(long number, string expected) =>
        Assert.Equal(expected, FrenchNumberWords.BelgiumAndSwitzerland.Cardinal(number));

    [Theory]
    [InlineData(1, "une")]
    [InlineData(21, "vingt et une")]
    [InlineData(81, "quatre-vingt-une")]
    [InlineData(71, "soixante et onze")]
    public void French_feminine_cardinals(long number, string expected) =>
        Assert.Equal(expected, FrenchNumberWords.France.Cardinal(number, GrammaticalGender.Feminine));

    [Theory]
    [InlineData(1, false, "premier")]
    [InlineData(1, true, "première")]
    [InlineData(2, false, "deuxième")]
    [InlineData(4, false, "quatrième")]
    [InlineData(5, false, "cinquième")]
    [InlineData(9, false, "neuvième")]
    [InlineData(11, false, "onzième")]
    [InlineData(19, false, "dix-neuvième")]
    [InlineData(21, false, "vingt et unième")]
    [InlineData(80, false, "quatre-vingtième")]
    [InlineData(100, false, "centième")]
    [InlineData(200, false, "deux centième")]
    [InlineData(1000, false, "millième")]
    [InlineData(1_000_000, false, "millionième")]
    public void French_ordinals(long number, bool feminine, string expected) =>
        Assert.Equal(expected, FrenchNumberWords.France.Ordinal(number, Gender(feminine)));

    [Theory]
    [InlineData("es", 1, false, true)]
    [InlineData("es", 2, false, false)]
    [InlineData("es", 21, true, true)]
    [InlineData("es", 200, true, true)]
    [InlineData("es", 200, false, false)]
    [InlineData("es", 11, false, false)]
    [InlineData("fr", 1, false, false)]
    [InlineData("fr", 1, true, true)]
    [InlineData("fr", 31, true, true)]
    [InlineData("fr", 11, true, false)]
    [InlineData("en", 1, false, false)]
    public void Digits_are_written_out_before_a_noun_only_where_an_engine_would_misread_them(string language, long number, bool feminine, bool misread)
    {
        NumberWords words = language switch { "es" => SpanishNumberWords.Instance, "fr" => FrenchNumberWords.France, _ => EnglishNumberWords.Instance };

        Assert.Equal(misread, words.DigitsMisreadBeforeNoun(number, Gender(feminine)));
    }

    [Theory]
    [InlineData("en", 3, "14", "three point one four")]
    [InlineData("en", 0, "05", "zero point zero five")]
    [InlineData("es", 3, "14", "tres coma catorce")]
    [InlineData("es", 3, "05", "tres coma cero cinco")]
    [InlineData("es", 1, "125", "uno coma uno dos cinco")]
    [InlineData("fr", 2, "5", "deux virgule cinq")]
    public void Decimals(string language, long whole, string fraction, string expected)
    {
        var (words, mark) = language switch
        {
            "es" => ((NumberWords)SpanishNumberWords.Instance, "coma"),
            "fr" => (FrenchNumberWords.France, "virgule"),
            _ => (EnglishNumberWords.Instance, "point"),
        };

        Assert.Equal(expected, words.Decimal(whole, fraction, mark));
    }

    private static GrammaticalGender Gender(bool feminine) => feminine ? GrammaticalGender.Feminine : GrammaticalGender.Masculine;
}
