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

    public static (string Title, string Detail) For(string code, HttpContext http)
    {
        var culture = LanguageOf(http.Request);
        var title = Resources.GetString($"{code}.title", culture);
        var detail = Resources.GetString($"{code}.detail", culture);
        return title is not null && detail is not null
            ? (title, detail)
            : (Resources.GetString("error.title", culture)!, Resources.GetString("error.detail", culture)!);
    }

    /// <summary>
    /// The spoken language the caller prefers most: <c>Accept-Language</c>'s choices by quality (the first of equals
    /// first), each one or its parent (<c>fr-CH</c> is French); English when none is spoken or the header is malformed.
    /// </summary>
    internal static CultureInfo LanguageOf(HttpRequest request)
    {
        var header = request.Headers.AcceptLanguage;
        if (header.Count == 0 || !StringWithQualityHeaderValue.TryParseList(header, out var choices))
        {
            return English;
        }

        foreach (var choice in choices.Where(c => c.Quality is not 0).OrderByDescending(c => c.Quality ?? 1))
        {
            if (Spoken.FirstOrDefault(language => Names(choice.Value.Value, language)) is { } spoken)
            {
                return spoken;
            }
        }

        return English;
    }

    /// <summary>Whether a language tag names the language itself or one of its regions (<c>es</c>, <c>es-ES</c>).</summary>
    private static bool Names(string? tag, CultureInfo language) =>
        tag is not null
        && tag.StartsWith(language.Name, StringComparison.OrdinalIgnoreCase)
        && (tag.Length == language.Name.Length || tag[language.Name.Length] == '-');
}
