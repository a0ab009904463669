using Lector.Grains.Speech.Normalization;

namespace Lector.Grains.Tests.Speech.Normalization;

/// <summary>Each rule that applies in French, with press, administrative and legal phrasing.</summary>
public sealed class FrenchNormalizationTests
{
    private static readonly SpeechNormalizer Normalizer = new();

    private static string Normalize(string text, string language = "fr") => Normalizer.Normalize(text, language);

    [Theory]
    [InlineData("© 2024 Le Monde. Tous droits réservés.", "copyright 2024 Le Monde. Tous droits réservés.")]
    [InlineData("(C) 2001-2022 Free Software Foundation", "copyright 2001 à 2022 Free Software Foundation")]
    public void Copyright_signs(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("Rendez-vous sur https://www.service-public.fr/particuliers.", "Rendez-vous sur www point service tiret public point fr slash particuliers.")]
    [InlineData("Écrivez à contact@exemple.fr.", "Écrivez à contact arobase exemple point fr.")]
    public void Web_and_email_addresses(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("M. Dupont et Mme Martin sont venus.", "Monsieur Dupont et madame Martin sont venus.")]
    [InlineData("Selon M. Martin, P.-D.G. de la société", "Selon monsieur Martin, PDG de la société")]
    [InlineData("Le Dr Martin et Mlle Roy", "Le docteur Martin et mademoiselle Roy")]
    [InlineData("voir p. 12 et le n° 5", "voir page 12 et le numéro 5")]
    [InlineData("pommes, poires, etc. Le reste.", "pommes, poires, et cetera. Le reste.")]
    [InlineData("le lendemain, c.-à-d. lundi", "le lendemain, c'est-à-dire lundi")]
    [InlineData("des fruits, p. ex. des pommes", "des fruits, par exemple des pommes")]
    [InlineData("né en 52 av. J.-C.", "né en 52 avant Jésus-Christ.")]
    [InlineData("rue St-Denis et Ste Catherine", "rue saint-Denis et sainte Catherine")]
    public void Abbreviations(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("La ville compte 10 000 habitants.", "La ville compte 10000 habitants.")]
    [InlineData("un total de 1 234 567 euros", "un total de 1234567 euros")]
    [InlineData("une moyenne de 1 234,5", "une moyenne de mille deux cent trente-quatre virgule cinq")]
    [InlineData("un taux de 3,14", "un taux de trois virgule quatorze")]
    [InlineData("soit 1.234.567 visiteurs", "soit 1234567 visiteurs")]
    public void Numbers_with_french_separators(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Fact]
    public void Belgian_french_says_septante() => Assert.Equal("une note de septante virgule cinq", Normalize("une note de 70,5", "fr-BE"));

    [Theory]
    [InlineData("le 1er mars 2024", "le premier mars 2024")]
    [InlineData("la 1re fois et la 2e édition", "la première fois et la deuxième édition")]
    [InlineData("au 3ème étage", "au troisième étage")]
    [InlineData("les 2nds rôles", "les seconds rôles")]
    [InlineData("au XIXe siècle et au XXIe", "au dix-neuvième siècle et au vingt et unième")]
    [InlineData("sous François Ier", "sous François premier")]
    [InlineData("Ce livre et De Gaulle", "Ce livre et De Gaulle")]
    public void Ordinals(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("de 2001-2022", "de 2001 à 2022")]
    [InlineData("pp. 10–12", "pages 10 à 12")]
    [InlineData("entre 10-12 ans", "entre 10 et 12 ans")]
    public void Ranges(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("une hausse de 50 %", "une hausse de 50 pour cent")]
    [InlineData("une baisse de 2,5 %", "une baisse de deux virgule cinq pour cent")]
    [InlineData("Le café coûte 3,50 €.", "Le café coûte 3 euros 50.")]
    [InlineData("Le ticket coûte 1 €.", "Le ticket coûte 1 euro.")]
    [InlineData("Un abonnement à 5 € par mois", "Un abonnement à 5 euros par mois")]
    [InlineData("un budget de 3 Md€", "un budget de 3 milliards d'euros")]
    public void Percentages_and_money(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("à 5 km d'ici", "à 5 kilomètres d'ici")]
    [InlineData("une pause de 1 h", "une pause d'une heure")]
    [InlineData("il fait –5 °C", "il fait moins 5 degrés Celsius")]
    [InlineData("un fichier de 2 Go", "un fichier de 2 gigaoctets")]
    [InlineData("une distance de 1,5 km", "une distance d'un virgule cinq kilomètre")]
    public void Units(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("Publié le 5/3/2024.", "Publié le 5 mars 2024.")]
    [InlineData("Publié le 01/03/2024.", "Publié le premier mars 2024.")]
    [InlineData("Publié le 2024-03-05.", "Publié le 5 mars 2024.")]
    [InlineData("le 1 mai", "le premier mai")]
    [InlineData("à 10h30 ou à 10 h", "à dix heures trente ou à dix heures")]
    [InlineData("à 21 h 05", "à vingt et une heures cinq")]
    [InlineData("à 10:00", "à dix heures")]
    [InlineData("à 1:21", "à une heure vingt et une")]
    public void Dates_and_times(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Theory]
    [InlineData("la fonction get_user_name", "la fonction get user name")]
    [InlineData("le fichier README.md", "le fichier README point md")]
    [InlineData("Paris est la capitale de la France.[1] Elle compte", "Paris est la capitale de la France. Elle compte")]
    public void Code_identifiers_and_citation_markers(string text, string expected) => Assert.Equal(expected, Normalize(text));
}
