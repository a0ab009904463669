using Lector.Abstractions;

namespace Lector.Grains.Ingestion;

/// <summary>Why an upload was refused or failed to ingest: stable codes and texts safe to show.</summary>
public static class UploadErrors
{
    public const string UnsupportedType = "upload.unsupported_type";
    public const string Empty = "upload.empty";
    public const string NoText = "upload.no_text";
    public const string Encrypted = "upload.encrypted";
    public const string Malformed = "upload.malformed";
    public const string UnsafeXml = "upload.unsafe_xml";
    public const string UnsafeArchive = "upload.unsafe_archive";
    public const string ArchiveTooLarge = "upload.archive_too_large";
    public const string TooManyPages = "upload.too_many_pages";
    public const string TooMuchText = "upload.too_much_text";
    public const string ParseTimeout = "upload.parse_timeout";

    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        [UnsupportedType] = "The file type is not supported.",
        [Empty] = "The file is empty.",
        [NoText] = "The file has no text to read (scanned pages are not supported yet).",
        [Encrypted] = "The file is password-protected.",
        [Malformed] = "The file is damaged or incomplete.",
        [UnsafeXml] = "The file contains XML document type declarations, which are not allowed.",
        [UnsafeArchive] = "The file contains entries with unsafe names.",
        [ArchiveTooLarge] = "The file unpacks to too much data.",
        [TooManyPages] = "The document has too many pages.",
        [TooMuchText] = "The document, or one of its pages, holds more text than Lector reads.",
        [ParseTimeout] = "The document took too long to read.",
    };

    public static LectorException Refuse(string code) => new(
        code switch
        {
            UnsupportedType => ErrorKind.UnsupportedMediaType,
            ArchiveTooLarge => ErrorKind.PayloadTooLarge,
            _ => ErrorKind.Unprocessable,
        },
        code,
        "file");

    public static string MessageFor(string code) => Messages.GetValueOrDefault(code, "The document could not be read.");
}
