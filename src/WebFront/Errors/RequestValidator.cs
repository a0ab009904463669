using System.Globalization;
using System.Net.Mail;
using Lector.Abstractions;
using Lector.Abstractions.Documents;
using Lector.Grains.Accounts;

namespace Lector.WebFront.Errors;

/// <summary>Collects field errors while reading raw request values, so every bad field is reported at once.</summary>
public sealed class RequestValidator
{
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

    /// <summary>An ISO 8601 date or date-time (UTC unless it names an offset); absent gives null.</summary>
    public DateTimeOffset? Instant(string? raw, string field)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            Add(field, "Must be an ISO 8601 date or date-time.");
            return null;
        }

        return value;
    }

    public string Text(string? value, string field, int minLength, int maxLength)
    {
        var text = value ?? "";
        if (text.Length < minLength || text.Length > maxLength)
        {
            Add(field, minLength > 0 && text.Length == 0 ? "Required." : $"Must be {minLength} to {maxLength} characters long.");
        }

        return text;
    }

    /// <summary>An e-mail address in the one spelling accounts are kept under (<see cref="EmailAddresses.Normalize"/>).</summary>
    public string Email(string? value, string field)
    {
        var email = EmailAddresses.Normalize(value ?? "");
        if (email.Length is 0 or > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
        {
            Add(field, "Must be a valid e-mail address.");
        }

        return email;
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
