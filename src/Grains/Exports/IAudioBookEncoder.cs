using Lector.Abstractions.Exports;

namespace Lector.Grains.Exports;

/// <summary>
/// Makes one audio file of many parts played in order (a document's pages), with chapters and the book's metadata.
/// Streams: a part is opened only when its turn comes and read once, and the file is written to disk, so memory does
/// not grow with the book.
/// </summary>
public interface IAudioBookEncoder
{
    /// <summary>
    /// Encodes parts 1 to <paramref name="partCount"/> (each opened by <paramref name="openPart"/>, in any audio format
    /// the encoder reads) into <paramref name="outputPath"/>, telling <paramref name="partDone"/> the number of each part
    /// once it is in. Exceptions of <paramref name="openPart"/> pass through unchanged.
    /// </summary>
    /// <exception cref="AudioBookEncodingException">A part could not be decoded, or the file could not be made.</exception>
    Task<EncodedAudioBook> EncodeAsync(
        AudioBook book,
        int partCount,
        Func<int, CancellationToken, Task<Stream>> openPart,
        string outputPath,
        Action<int> partDone,
        CancellationToken cancellationToken);
}

/// <summary>What the file says about itself: its format, title, language (BCP 47) and chapters.</summary>
public sealed record AudioBook(ExportFormat Format, string Title, string? Language, IReadOnlyList<AudioBookChapter> Chapters);

/// <summary>A chapter that starts with part <paramref name="FirstPart"/> (1-based) and runs to the next chapter's start.</summary>
public sealed record AudioBookChapter(string Title, int FirstPart);

/// <summary>The file's length and where each chapter starts, measured on the decoded audio.</summary>
public sealed record EncodedAudioBook(long DurationMs, IReadOnlyList<long> ChapterStartsMs);

/// <summary>The encoder could not make the file; the message is for the log (it names no user data).</summary>
public sealed class AudioBookEncodingException(string message, Exception? inner = null) : Exception(message, inner);
