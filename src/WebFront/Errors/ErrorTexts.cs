using System.Globalization;
using System.Resources;
using Microsoft.Net.Http.Headers;

namespace Lector.WebFront.Errors;

/// <summary>
/// Human texts for error codes in the request's language (English, Spanish, French; from ErrorTexts.*.resx). Codes
/// are the contract and are never translated; these words may change.
/// </summary>
/// <remarks>
/// The language is read from <c>Accept-Language</c> only when an error is answered. A localization middleware would
/// set the culture of every request, which costs each one an execution-context change (and a notification on each
/// of its thread hops) for texts that only a refusal uses.
/// </remarks>
internal static class ErrorTexts
{
    private static readonly ResourceManager Resources = new("Lector.WebFront.Errors.ErrorTexts", typeof(ErrorTexts).Assembly);

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>The languages the texts are written in; the first is the one for everyone else.</summary>
    private static readonly CultureInfo[] Spoken = [English, CultureInfo.GetCultureInfo("es"), CultureInfo.GetCultureInfo("fr")];

    public static (string Title, string Detail) For(string code, HttpRequest request)
    {
        var culture = LanguageOf(request);
        var title = Resources.GetString($"{code}.title", culture);
        var detail = Resources.GetString($"{code}.detail", culture);
        return title is not null && detail is not null
            ? (title, detail)
            : (Resources.GetString("error.title", culture)!, Resources.GetString("error.detail", culture)!);
    }

    /// <summary>
    /// The spoken language the caller prefers most: of <c>Accept-Language</c>'s choices, the one of highest quality
    /// (the first of equals) that names a spoken language or one of its regions (<c>fr-CH</c> is French). A choice of
    /// quality 0 is a refusal, entries that do not parse are skipped, and English answers when nothing matches.
    /// </summary>
    private static CultureInfo LanguageOf(HttpRequest request)
    {
        var header = request.Headers.AcceptLanguage;
        if (header.Count == 0 || !StringWithQualityHeaderValue.TryParseList(header, out var choices))
        {
            return English;
        }

        (CultureInfo Language, double Quality)? best = null;
        foreach (var choice in choices)
        {
            var quality = choice.Quality ?? 1;
            if (quality > 0 && quality > (best?.Quality ?? 0) && Spoken.FirstOrDefault(language => Names(choice.Value.Value, language)) is { } spoken)
            {
                best = (spoken, quality);
            }
        }

        return best?.Language ?? English;
    }

    /// <summary>Whether a language tag names the language itself or one of its regions (<c>es</c>, <c>es-ES</c>).</summary>
    private static bool Names(string? tag, CultureInfo language) =>
        tag is not null
        && tag.StartsWith(language.Name, StringComparison.OrdinalIgnoreCase)
        && (tag.Length == language.Name.Length || tag[language.Name.Length] == '-');
}
