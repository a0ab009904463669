namespace Lector.Grains.Audio;

/// <summary>What a voice preview says: one fixed sentence per language, English for languages without one.</summary>
public static class VoicePreviewText
{
    public const string English = "Hello, this is how I sound when Lector reads your documents aloud.";

    // By primary language subtag, the part of a voice's language before the first hyphen ("fr" of "fr-FR").
    private static readonly Dictionary<string, string> Sentences = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = English,
        ["es"] = "Hola, así sueno cuando Lector lee tus documentos en voz alta.",
        ["fr"] = "Bonjour, voici ma voix quand Lector lit vos documents à voix haute.",
        ["de"] = "Hallo, so klinge ich, wenn Lector deine Dokumente vorliest.",
        ["it"] = "Ciao, ecco la mia voce quando Lector legge ad alta voce i tuoi documenti.",
        ["pt"] = "Olá, esta é a minha voz quando o Lector lê os seus documentos em voz alta.",
        ["nl"] = "Hallo, zo klink ik wanneer Lector je documenten voorleest.",
    };

    /// <summary>The sentence for a voice's language (<c>en-us</c>, <c>fr-FR</c>, <c>es-419</c>...).</summary>
    public static string For(string language)
    {
        var primary = language.Split('-', 2)[0];
        return Sentences.GetValueOrDefault(primary, English);
    }
}
