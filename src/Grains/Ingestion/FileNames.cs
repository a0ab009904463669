using System.Text;

namespace Lector.Grains.Ingestion;

/// <summary>Upload file names made harmless for display. The result is a label, never a path.</summary>
public static class FileNames
{
    public const int MaxLength = 200;

    public const string Fallback = "document";

    /// <summary>
    /// NFKC-normalized; directories, "..", NUL and control characters dropped; only letters, digits, '.', '-' and '_'
    /// kept (other characters become '_'); at most 200 characters; never empty and never only dots.
    /// </summary>
    public static string Sanitize(string? fileName)
    {
        var name = (fileName ?? "").Normalize(NormalizationForm.FormKC);
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var kept = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsControl(c))
            {
                continue;
            }

            kept.Append(char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        var result = kept.ToString();
        while (result.Contains("..", StringComparison.Ordinal))
        {
            result = result.Replace("..", ".", StringComparison.Ordinal);
        }

        result = result.Trim('.', '_');
        if (result.Length > MaxLength)
        {
            result = result[..MaxLength].TrimEnd('.');
        }

        return result.Length == 0 ? Fallback : result;
    }
}
