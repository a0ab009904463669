using Lector.Grains.Speech.Normalization;

namespace Lector.Grains.Tests.Speech.Normalization;

/// <summary>Languages without rules of their own get the language-neutral pass: nothing is translated, only artefacts go.</summary>
public sealed class NeutralNormalizationTests
{
    private static readonly SpeechNormalizer Normalizer = new();

    [Theory]
    [InlineData("de", "Die Würde des Menschen ist unantastbar.[1]", "Die Würde des Menschen ist unantastbar.")]
    [InlineData("de", "Die ﬁnanzielle Lage ist schwie-\nrig.", "Die finanzielle Lage ist schwierig.")]
    [InlineData("nl", "Inhoud ............ 5", "Inhoud, 5")]
    [InlineData("it", "Microsoft® Windows™ e Intel(R)", "Microsoft Windows e Intel")]
    [InlineData("pt", "Copyright (C) 2007 Free Software Foundation", "Copyright 2007 Free Software Foundation")]
    [InlineData("de", "© 2024 Der Spiegel", "© 2024 Der Spiegel")]
    [InlineData("de", "Die Funktion get_user_name und getUserName", "Die Funktion get user name und get user name")]
    [InlineData("de", "Es kostet 1.234,50 € und 3 km.", "Es kostet 1.234,50 € und 3 km.")]
    [InlineData("de", "Siehe https://www.bundestag.de/parlament.", "Siehe https://www.bundestag.de/parlament.")]
    [InlineData("de", "das Ergebnis¹ war   klar  .", "das Ergebnis war klar.")]
    [InlineData(null, "U.S.A. and e.g.", "USA and e.g.")]
    [InlineData("", "Absatz eins\r\n\r\n\r\nAbsatz zwei", "Absatz eins\n\nAbsatz zwei")]
    [InlineData("x-klingon", "Qapla'!!!", "Qapla'!")]
    public void Only_typesetting_artefacts_change(string? language, string text, string expected) =>
        Assert.Equal(expected, Normalizer.Normalize(text, language));
}
