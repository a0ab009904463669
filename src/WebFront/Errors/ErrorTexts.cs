using System.Globalization;
using System.Resources;

namespace Lector.WebFront.Errors;

/// <summary>
/// Human texts for error codes in the request's culture (English, Spanish, French; from
/// ErrorTexts.*.resx). Codes are the contract and are never translated; these words may change.
/// </summary>
internal static class ErrorTexts
{
    private static readonly ResourceManager Resources = new("Lector.WebFront.Errors.ErrorTexts", typeof(ErrorTexts).Assembly);

    public static (string Title, string Detail) For(string code)
    {
        var culture = CultureInfo.CurrentUICulture;
        var title = Resources.GetString($"{code}.title", culture);
        var detail = Resources.GetString($"{code}.detail", culture);
        return title is not null && detail is not null
            ? (title, detail)
            : (Resources.GetString("error.title", culture)!, Resources.GetString("error.detail", culture)!);
    }
}
