using Lector.Abstractions.Documents;

namespace Lector.Abstractions.Exports;

/// <summary>What a whole-document export is: an M4B audiobook (AAC in MP4) or one MP3 file, both with chapters.</summary>
public enum ExportFormat
{
    M4b,
    Mp3,
}

public static class ExportFormats
{
    /// <summary>The format's name in the API, in ids and as a file extension.</summary>
    public static string Name(this ExportFormat format) => format switch
    {
        ExportFormat.M4b => "m4b",
        ExportFormat.Mp3 => "mp3",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string ContentType(this ExportFormat format) => format switch
    {
        ExportFormat.M4b => "audio/mp4",
        ExportFormat.Mp3 => "audio/mpeg",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static bool TryParse(string? name, out ExportFormat format)
    {
        foreach (var candidate in Enum.GetValues<ExportFormat>())
        {
            if (candidate.Name() == name)
            {
                format = candidate;
                return true;
            }
        }

        format = default;
        return false;
    }
}

/// <summary>
/// <c>pending</c>: the pages' audio is being made (or checked); <c>building</c>: the file is being encoded;
/// then <c>completed</c> or <c>failed</c>.
/// </summary>
public enum ExportStatus
{
    Pending,
    Building,
    Completed,
    Failed,
}

/// <summary>Pages done of the total: while pending, pages with audio; while building, pages encoded.</summary>
[GenerateSerializer, Alias("Lector.ExportProgress")]
public sealed record ExportProgress([property: Id(0)] int Done, [property: Id(1)] int Total);

/// <summary>A chapter of the file: where it starts in the audio, and the document's pages it reads.</summary>
[GenerateSerializer, Immutable, Alias("Lector.ExportChapter")]
public sealed record ExportChapter(
    [property: Id(0)] string Title,
    [property: Id(1)] long StartMs,
    [property: Id(2)] int FirstPage,
    [property: Id(3)] int LastPage);

/// <summary>
/// One export of a document in one voice and format. <see cref="Stale"/>: the document changed (a page was edited)
/// after the file was built, so it no longer reads the document as it is; asking for the export again rebuilds it.
/// <see cref="CreatedBy"/> asked for the current build (and may delete it, as may the document's owner).
/// </summary>
[GenerateSerializer, Alias("Lector.ExportView")]
public sealed record ExportView(
    [property: Id(0)] string Id,
    [property: Id(1)] string DocumentId,
    [property: Id(2)] string Voice,
    [property: Id(3)] ExportFormat Format,
    [property: Id(4)] ExportStatus Status,
    [property: Id(5)] ExportProgress Progress,
    [property: Id(6)] long? SizeBytes,
    [property: Id(7)] long? DurationMs,
    [property: Id(8)] IReadOnlyList<ExportChapter> Chapters,
    [property: Id(9)] bool Stale,
    [property: Id(10)] SafeError? Error,
    [property: Id(11)] string CreatedBy,
    [property: Id(12)] DateTimeOffset CreatedAt,
    [property: Id(13)] DateTimeOffset? FinishedAt);

/// <summary>The answer to an export request: the one export of that document, voice and format, and whether this request started a build.</summary>
[GenerateSerializer, Alias("Lector.ExportRequestResult")]
public sealed record ExportRequestResult([property: Id(0)] ExportView Export, [property: Id(1)] bool Created);

/// <summary>
/// A file an export's build stored: its blob and facts, and the document version (its <c>UpdatedAt</c>) whose
/// pages it reads, against which staleness is judged.
/// </summary>
[GenerateSerializer, Alias("Lector.BuiltExport")]
public sealed record BuiltExport(
    [property: Id(0)] string BlobKey,
    [property: Id(1)] long SizeBytes,
    [property: Id(2)] long DurationMs,
    [property: Id(3)] IReadOnlyList<ExportChapter> Chapters,
    [property: Id(4)] DateTimeOffset DocumentVersion);

/// <summary>How a build ended: with a file, or with a reason safe to show.</summary>
[GenerateSerializer, Alias("Lector.ExportBuildResult")]
public sealed record ExportBuildResult([property: Id(0)] BuiltExport? Built, [property: Id(1)] SafeError? Error);
