namespace Lector.WebFront.Auth;

/// <summary>Bound from the <c>Auth</c> section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Mark the session cookie Secure even when the request arrived over plain HTTP (behind a TLS proxy).</summary>
    public bool RequireHttps { get; set; }

    /// <summary>Comma-separated e-mails of administrators.</summary>
    public string AdminEmails { get; set; } = "";

    public bool IsAdmin(string email) =>
        AdminEmails.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Contains(email, StringComparer.OrdinalIgnoreCase);
}
