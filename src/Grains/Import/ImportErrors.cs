using Lector.Abstractions;

namespace Lector.Grains.Import;

/// <summary>Why a URL import was refused: stable codes, each with the kind of refusal the web front answers it as.</summary>
public static class ImportErrors
{
    /// <summary>Not an absolute http or https URL without user info.</summary>
    public const string BadUrl = "import.bad_url";

    /// <summary>The URL, or a redirect's target, is (or resolves to) an address imports may not reach.</summary>
    public const string AddressRefused = "import.address_refused";

    public const string TooManyRedirects = "import.too_many_redirects";

    public const string TooLarge = "import.too_large";

    public const string Timeout = "import.timeout";

    /// <summary>The page is served as something other than HTML or plain text.</summary>
    public const string UnsupportedType = "import.unsupported_type";

    /// <summary>No answer, or an answer other than a page: the name does not resolve, the connection fails, an error status.</summary>
    public const string Unreachable = "import.unreachable";

    public static LectorException Refuse(string code) => code switch
    {
        BadUrl => LectorException.Invalid("url", code),
        TooLarge => new LectorException(ErrorKind.PayloadTooLarge, code, "url"),
        UnsupportedType => new LectorException(ErrorKind.UnsupportedMediaType, code, "url"),
        _ => new LectorException(ErrorKind.Unprocessable, code, "url"),
    };
}
