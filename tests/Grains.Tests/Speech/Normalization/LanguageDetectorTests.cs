using Lector.Grains.Speech.Normalization;

namespace Lector.Grains.Tests.Speech.Normalization;

/// <summary>
/// Detection on real text: the corpus GPL, Debian's translated manual pages of apropos (man-db, GPL), and article 1
/// of the Universal Declaration of Human Rights in its official languages.
/// </summary>
public sealed class LanguageDetectorTests
{
    [Theory]
    [InlineData("en", "All human beings are born free and equal in dignity and rights. They are endowed with reason and conscience and should act towards one another in a spirit of brotherhood.")]
    [InlineData("es", "Todos los seres humanos nacen libres e iguales en dignidad y derechos y, dotados como están de razón y conciencia, deben comportarse fraternalmente los unos con los otros.")]
    [InlineData("fr", "Tous les êtres humains naissent libres et égaux en dignité et en droits. Ils sont doués de raison et de conscience et doivent agir les uns envers les autres dans un esprit de fraternité.")]
    [InlineData("de", "Alle Menschen sind frei und gleich an Würde und Rechten geboren. Sie sind mit Vernunft und Gewissen begabt und sollen einander im Geist der Brüderlichkeit begegnen.")]
    [InlineData("it", "Tutti gli esseri umani nascono liberi ed eguali in dignità e diritti. Essi sono dotati di ragione e di coscienza e devono agire gli uni verso gli altri in spirito di fratellanza.")]
    [InlineData("pt", "Todos os seres humanos nascem livres e iguais em dignidade e em direitos. Dotados de razão e de consciência, devem agir uns para com os outros em espírito de fraternidade.")]
    public void Universal_declaration_article_one(string expected, string text) => Assert.Equal(expected, LanguageDetector.Detect(text));

    [Theory]
    [InlineData("es", "Interpreta cada palabra clave como una expresión regular. Este es el comportamiento por omisión. Cada palabra clave será analizada para ver si coincide con los nombres de página y con las descripciones independientemente.")]
    [InlineData("fr", "Interprète chaque mot-clé comme une expression rationnelle. C'est le comportement par défaut. Chaque mot-clé sera indépendamment comparé avec le nom des pages et avec leur description.")]
    [InlineData("de", "Interpretiert jedes Schlüsselwort als regulären Ausdruck. Dies ist das Standardverhalten. Jedes Schlüsselwort wird unabhängig voneinander in den Befehlsnamen und in den Beschreibungen gesucht.")]
    [InlineData("it", "Di ogni parola chiave sarà cercata la corrispondenza fra i nomi delle pagine e le descrizioni indipendentemente. Può corrispondere ad una parte qualsiasi di entrambe. La corrispondenza non è limitata a parole intere.")]
    [InlineData("pt", "Interpreta cada palavra-chave como um padrão contendo caracteres universais ao estilo da shell. Cada palavra-chave será comparada contra os nomes de página e a descrição independentemente.")]
    public void Translated_manual_pages(string expected, string text) => Assert.Equal(expected, LanguageDetector.Detect(text));

    [Fact]
    public void The_corpus_license_is_english()
    {
        var license = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", "gpl3.md"));

        Assert.Equal("en", LanguageDetector.Detect(license));
    }

    [Fact]
    public void Every_page_of_the_corpus_pdf_is_english()
    {
        var pages = Ingestion.Corpus.Pages("gpl3.pdf");

        Assert.NotEmpty(pages);
        Assert.All(pages, p => Assert.Equal("en", LanguageDetector.Detect(p.Text)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Hello")]
    [InlineData("1234 5678 9012 3456")]
    [InlineData("getUserName(); setValue(42); return x;")]
    [InlineData("Dit is een Nederlandse zin over het weer en de wind, zonder meer.")]
    [InlineData("日本語のテキストは対象外です。")]
    public void Returns_null_when_unsure(string text) => Assert.Null(LanguageDetector.Detect(text));
}
