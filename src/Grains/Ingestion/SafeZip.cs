using System.IO.Compression;

namespace Lector.Grains.Ingestion;

/// <summary>
/// A DOCX or EPUB container opened with caps: entry count, inflated size (declared and actually read)
/// and compression ratio, and entry names that could escape a directory are refused.
/// </summary>
internal sealed class SafeZip : IDisposable
{
    /// <summary>Ratios are only checked on entries this big: small, repetitive XML parts compress very well legitimately.</summary>
    private const long RatioCheckedFrom = 1024 * 1024;

    private readonly ZipArchive _archive;
    private readonly Dictionary<string, ZipArchiveEntry> _entries;
    private readonly IngestionLimits _limits;
    private long _inflated;

    private SafeZip(ZipArchive archive, IngestionLimits limits)
    {
        _archive = archive;
        _limits = limits;
        _entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
    }

    public static bool IsZip(ReadOnlySpan<byte> bytes) => bytes.StartsWith("PK\x03\x04"u8);

    public static SafeZip Open(byte[] bytes, IngestionLimits limits)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw UploadErrors.Refuse(UploadErrors.Malformed);
        }

        var zip = new SafeZip(archive, limits);
        try
        {
            zip.Check();
        }
        catch
        {
            zip.Dispose();
            throw;
        }

        return zip;
    }

    public IEnumerable<string> Names => _entries.Keys;

    public bool Contains(string name) => _entries.ContainsKey(name);

    /// <summary>The entry's bytes, or null when there is no such entry; stops reading at the caps whatever the entry declares.</summary>
    public byte[]? Read(string name)
    {
        if (!_entries.TryGetValue(name, out var entry))
        {
            return null;
        }

        try
        {
            using var input = entry.Open();
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                _inflated += read;
                if (_inflated > _limits.MaxInflatedBytes || output.Length + read > Math.Max(entry.Length, 0))
                {
                    // More than declared means a lying header: treat it like a bomb.
                    throw UploadErrors.Refuse(UploadErrors.ArchiveTooLarge);
                }

                output.Write(buffer, 0, read);
            }

            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            throw UploadErrors.Refuse(UploadErrors.Malformed);
        }
    }

    public void Dispose() => _archive.Dispose();

    private void Check()
    {
        if (_archive.Entries.Count > _limits.MaxArchiveEntries)
        {
            throw UploadErrors.Refuse(UploadErrors.ArchiveTooLarge);
        }

        long declared = 0;
        foreach (var entry in _archive.Entries)
        {
            if (!IsSafeName(entry.FullName))
            {
                throw UploadErrors.Refuse(UploadErrors.UnsafeArchive);
            }

            declared += entry.Length;
            var ratio = entry.Length / Math.Max(entry.CompressedLength, 1);
            if (declared > _limits.MaxInflatedBytes || (entry.Length >= RatioCheckedFrom && ratio > _limits.MaxCompressionRatio))
            {
                throw UploadErrors.Refuse(UploadErrors.ArchiveTooLarge);
            }

            if (!_entries.TryAdd(entry.FullName, entry))
            {
                throw UploadErrors.Refuse(UploadErrors.Malformed);
            }
        }
    }

    /// <summary>Relative, forward-slash names without "..", drive letters, NUL or control characters.</summary>
    private static bool IsSafeName(string name) =>
        name.Length is > 0 and <= 1024
        && !name.StartsWith('/')
        && !name.Contains('\\')
        && !name.Contains(':')
        && !name.Any(char.IsControl)
        && !name.Split('/').Any(segment => segment is ".." or ".");

    /// <summary>Resolves <paramref name="href"/> against the directory of <paramref name="from"/>; null when it leaves the archive.</summary>
    public static string? Resolve(string from, string href)
    {
        var path = Uri.UnescapeDataString(href.Split('#', 2)[0].Split('?', 2)[0]);
        var segments = new List<string>(from.Split('/')[..^1]);
        foreach (var segment in path.Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (segments.Count == 0)
                    {
                        return null;
                    }

                    segments.RemoveAt(segments.Count - 1);
                    break;
                default:
                    segments.Add(segment);
                    break;
            }
        }

        return string.Join('/', segments);
    }
}
