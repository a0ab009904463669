using System.Buffers;
using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using Lector.Abstractions;
using Lector.Abstractions.Accounts;
using Lector.Abstractions.Documents;

namespace Lector.WebFront.Errors;

/// <summary>Collects field errors while reading raw request values, so every bad field is reported at once.</summary>
public sealed class RequestValidator
{
    /// <summary>
    /// The C0 controls but tab, LF and CR, DEL, and the C1 controls: never part of text people write, and NUL and
    /// its kin break storage, logs and the documents made from the text further on.
    /// </summary>
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c)]);

    /// <summary>The same but form feed, which text copied from a PDF (and pdftotext's output) carries as its page breaks.</summary>
    private static readonly SearchValues<char> ProseControlCharacters = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r' or '\f')).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c)]);

    private const string ControlCharactersProblem = "Must not contain control characters other than tab, CR and LF.";

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>An integer in [min, max]; absent gives <paramref name="fallback"/>; anything else is an error.</summary>
    public int Int(string? raw, string field, int min, int max, int fallback)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return fallback;
        }

        if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Add(field, $"Must be an integer from {min} to {max}.");
            return fallback;
        }

        return value;
    }

    /// <summary>A body's integer in [min, max], which must be there.</summary>
    public int Required(int? value, string field, int min, int max)
    {
        if (value is not { } number || number < min || number > max)
        {
            Add(field, $"Must be an integer from {min} to {max}.");
            return min;
        }

        return number;
    }

    /// <summary>One of an enum's names in camelCase ("recent"); absent gives <paramref name="fallback"/>.</summary>
    public TEnum OneOf<TEnum>(string? value, string field, TEnum fallback)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        var names = Enum.GetNames<TEnum>().Select(JsonNamingPolicy.CamelCase.ConvertName).ToList();
        var index = names.IndexOf(value);
        if (index < 0)
        {
            Add(field, $"Must be {string.Join(", ", names[..^1])} or {names[^1]}.");
            return fallback;
        }

        return Enum.GetValues<TEnum>()[index];
    }

    /// <summary>An ISO 8601 date or date-time (UTC unless it names an offset); absent gives null.</summary>
    public DateTimeOffset? Instant(string? raw, string field)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        if (!TryParseInstant(raw, out var value))
        {
            Add(field, InstantProblem);
            return null;
        }

        return value;
    }

    public const string InstantProblem = "Must be an ISO 8601 date or date-time.";

    /// <summary>An ISO 8601 date or date-time, in UTC (a date or time without an offset is taken as UTC).</summary>
    public static bool TryParseInstant(string raw, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    /// <summary>Text of a length in [min, max], with no control characters but tab and line breaks.</summary>
    public string Text(string? value, string field, int minLength, int maxLength) => Text(value, field, minLength, maxLength, ControlCharacters);

    /// <summary>A document's text: as <see cref="Text(string?, string, int, int)"/>, and page breaks (form feeds) too.</summary>
    public string Prose(string? value, string field, int minLength, int maxLength) => Text(value, field, minLength, maxLength, ProseControlCharacters);

    private string Text(string? value, string field, int minLength, int maxLength, SearchValues<char> refused)
    {
        var text = value ?? "";
        if (LengthProblem(text, minLength, maxLength) is { } problem)
        {
            Add(field, problem);
        }

        RefuseControlCharacters(text, field, refused);
        return text;
    }

    /// <summary>What is wrong with a text field (its length first), or null; for <see cref="TextAttribute"/>.</summary>
    public static string? TextProblem(string text, int minLength, int maxLength, bool prose) =>
        LengthProblem(text, minLength, maxLength)
        ?? (text.AsSpan().ContainsAny(prose ? ProseControlCharacters : ControlCharacters) ? ControlCharactersProblem : null);

    private static string? LengthProblem(string text, int minLength, int maxLength) =>
        text.Length >= minLength && text.Length <= maxLength ? null
        : minLength > 0 && text.Length == 0 ? "Required."
        : $"Must be {minLength} to {maxLength} characters long.";

    /// <summary>An e-mail address in the one spelling accounts are kept under (<see cref="EmailAddresses.Normalize"/>).</summary>
    public string Email(string? value, string field)
    {
        var email = EmailAddresses.Normalize(value ?? "");
        if (email.Length is 0 or > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            Add(field, "Must be a valid e-mail address.");
        }

        RefuseControlCharacters(email, field, ControlCharacters);
        return email;
    }

    private void RefuseControlCharacters(string text, string field, SearchValues<char> refused)
    {
        if (text.AsSpan().ContainsAny(refused))
        {
            Add(field, ControlCharactersProblem);
        }
    }

    /// <summary>A permission someone can be given: view, collaborate or share.</summary>
    public Permission Permission(string? value, string field)
    {
        switch (value)
        {
            case "view":
                return Abstractions.Documents.Permission.View;
            case "collaborate":
                return Abstractions.Documents.Permission.Collaborate;
            case "share":
                return Abstractions.Documents.Permission.Share;
            default:
                Add(field, "Must be view, collaborate or share.");
                return Abstractions.Documents.Permission.None;
        }
    }

    public PageRequest Paging(HttpRequest request) => new(
        Int(request.Query["page"], "page", 1, int.MaxValue / PageRequest.MaxPageSize, 1),
        Int(request.Query["pageSize"], "pageSize", 1, PageRequest.MaxPageSize, 20));

    public IResult Problem(HttpContext http) =>
        Problems.Validation(http, _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
}
