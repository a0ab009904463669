using System.Buffers;
using System.Globalization;
using System.Text;
using Lector.Abstractions.Exports;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Exports;

/// <summary>
/// The audiobook encoder on ffmpeg, in two passes. First each part is decoded by an ffmpeg of its own to raw PCM
/// (one channel, <see cref="ExportOptions.SampleRate"/>), which is piped into one long-running ffmpeg encoding AAC
/// (M4B) or MP3 to a file; counting the PCM bytes gives every part's exact length, so chapters start exactly where
/// their first part does. Then a second ffmpeg copies that audio, without encoding it again, into the final file with
/// the chapters and metadata (an ffmetadata file): an MP4 (brand M4B, index at the front, so a player can start before
/// the end arrives) with chapter markers, or an MP3 with ID3v2.3 CHAP frames. Nothing is held in memory but the
/// copy buffers.
/// </summary>
public sealed class FfmpegAudioBookEncoder(IOptions<ExportOptions> options) : IAudioBookEncoder
{
    private const int BytesPerSample = 2;
    private const int CopyBufferSize = 64 * 1024;

    private ExportOptions Options => options.Value;

    public async Task<EncodedAudioBook> EncodeAsync(
        AudioBook book,
        int partCount,
        Func<int, CancellationToken, Task<Stream>> openPart,
        string outputPath,
        Action<int> partDone,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partCount, 1);
        if (book.Chapters.Select(c => c.FirstPart).Where((first, i) => first < 1 || first > partCount || (i > 0 && first < book.Chapters[i - 1].FirstPart)).Any())
        {
            throw new ArgumentException("Chapters must start at parts of the book, in order.", nameof(book));
        }

        var audioPath = outputPath + ".audio";
        var metadataPath = outputPath + ".ffmetadata";
        try
        {
            var partStarts = await EncodeAudioAsync(book.Format, partCount, openPart, audioPath, partDone, cancellationToken);
            var durationMs = partStarts[^1];
            var chapterStarts = book.Chapters.Select(c => partStarts[c.FirstPart - 1]).ToList();
            await File.WriteAllTextAsync(metadataPath, FfMetadata(book, chapterStarts, durationMs), new UTF8Encoding(false), cancellationToken);
            await FfmpegProcess.RunAsync(Options.Ffmpeg, MuxArguments(book, audioPath, metadataPath, outputPath), "muxing the book", cancellationToken);
            return new EncodedAudioBook(durationMs, chapterStarts);
        }
        finally
        {
            File.Delete(audioPath);
            File.Delete(metadataPath);
        }
    }

    /// <summary>Encodes every part, in order, into one audio file; returns where each part starts and, last, where the audio ends (ms).</summary>
    private async Task<long[]> EncodeAudioAsync(
        ExportFormat format, int partCount, Func<int, CancellationToken, Task<Stream>> openPart, string audioPath, Action<int> partDone, CancellationToken cancellationToken)
    {
        var rate = Options.SampleRate.ToString(CultureInfo.InvariantCulture);
        string[] codec = format == ExportFormat.M4b ? ["-c:a", "aac", "-f", "mp4"] : ["-c:a", "libmp3lame", "-f", "mp3"];
        await using var encoder = FfmpegProcess.Start(
            Options.Ffmpeg,
            ["-f", "s16le", "-ar", rate, "-ac", "1", "-i", "pipe:0", .. codec[..2], "-b:a", $"{Options.BitrateKbps}k", .. codec[2..], "-y", audioPath]);
        var starts = new long[partCount + 1];
        long samples = 0;
        try
        {
            for (var part = 1; part <= partCount; part++)
            {
                using var partTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                partTimeout.CancelAfter(Options.PageTimeout);
                await using (var source = await openPart(part, cancellationToken))
                {
                    try
                    {
                        samples += await DecodeAsync(source, encoder.Input, partTimeout.Token) / BytesPerSample;
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new AudioBookEncodingException($"Decoding part {part} took longer than {Options.PageTimeout}.");
                    }
                }

                starts[part] = samples * 1000 / Options.SampleRate;
                partDone(part);
            }

            await WriteToEncoderAsync(() => { encoder.Input.Close(); return ValueTask.CompletedTask; });
        }
        catch (EncoderStoppedReading e)
        {
            // The encoder failed, and says why when it exits.
            await encoder.WaitForSuccessAsync("encoding the audio", cancellationToken);
            throw new AudioBookEncodingException("ffmpeg stopped reading the audio.", e.InnerException);
        }

        await encoder.WaitForSuccessAsync("encoding the audio", cancellationToken);
        return starts;
    }

    /// <summary>Decodes one part to PCM, written to <paramref name="sink"/>; returns how many bytes it made.</summary>
    private async Task<long> DecodeAsync(Stream source, Stream sink, CancellationToken cancellationToken)
    {
        await using var decoder = FfmpegProcess.Start(
            Options.Ffmpeg,
            ["-i", "pipe:0", "-f", "s16le", "-ac", "1", "-ar", Options.SampleRate.ToString(CultureInfo.InvariantCulture), "pipe:1"]);
        var feed = FeedAsync(source, decoder.Input, cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        long decoded = 0;
        try
        {
            int read;
            while ((read = await decoder.Output.ReadAsync(buffer.AsMemory(0, CopyBufferSize), cancellationToken)) > 0)
            {
                await WriteToEncoderAsync(() => sink.WriteAsync(buffer.AsMemory(0, read), cancellationToken));
                decoded += read;
            }
        }
        catch
        {
            // Stopping the decoder ends the feed too (its writes fail); what went wrong here is the failure to report.
            await decoder.DisposeAsync();
            await feed.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // A part that could not be read fails here, with the store's own exception.
        await feed;
        await decoder.WaitForSuccessAsync("decoding a part", cancellationToken);
        return decoded;
    }

    /// <summary>
    /// Copies the part into the decoder, then closes its input, also when reading the part fails (so the decoder ends,
    /// and that failure passes). A decoder that stops reading early (a broken pipe) says why when it exits.
    /// </summary>
    private static async Task FeedAsync(Stream source, Stream input, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        try
        {
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, CopyBufferSize), cancellationToken)) > 0)
            {
                if (!await TryWriteAsync(() => input.WriteAsync(buffer.AsMemory(0, read), cancellationToken)))
                {
                    return;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            await TryWriteAsync(() => { input.Close(); return ValueTask.CompletedTask; });
        }
    }

    /// <summary>A write to a decoder's input; false on a broken pipe (the decoder gave up, and its exit code says why).</summary>
    private static async Task<bool> TryWriteAsync(Func<ValueTask> write)
    {
        try
        {
            await write();
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>A write to the encoder's input; a broken pipe means the encoder stopped reading.</summary>
    private static async Task WriteToEncoderAsync(Func<ValueTask> write)
    {
        try
        {
            await write();
        }
        catch (IOException e)
        {
            throw new EncoderStoppedReading(e);
        }
    }

    private sealed class EncoderStoppedReading(IOException inner) : Exception("The encoder stopped reading.", inner);

    private static List<string> MuxArguments(AudioBook book, string audioPath, string metadataPath, string outputPath)
    {
        List<string> arguments = ["-i", audioPath, "-f", "ffmetadata", "-i", metadataPath, "-map", "0:a", "-map_metadata", "1", "-map_chapters", "1", "-c", "copy"];
        if (LanguageCode(book.Language) is { } language)
        {
            arguments.AddRange(["-metadata:s:a:0", $"language={language}"]);
        }

        arguments.AddRange(book.Format == ExportFormat.M4b
            ? ["-movflags", "+faststart", "-brand", "M4B ", "-f", "ipod"]
            : ["-id3v2_version", "3", "-write_id3v1", "0", "-f", "mp3"]);
        arguments.AddRange(["-y", outputPath]);
        return arguments;
    }

    /// <summary>The ISO 639-2 code containers tag audio with, for a BCP 47 tag; null when there is none.</summary>
    private static string? LanguageCode(string? language)
    {
        if (language is null)
        {
            return null;
        }

        try
        {
            var code = CultureInfo.GetCultureInfo(language).ThreeLetterISOLanguageName;
            return code.Length == 3 && code.All(char.IsAsciiLetterLower) ? code : null;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The book's metadata and chapters in ffmpeg's metadata format, times in milliseconds.</summary>
    internal static string FfMetadata(AudioBook book, IReadOnlyList<long> chapterStarts, long durationMs)
    {
        var text = new StringBuilder(";FFMETADATA1\n");
        text.Append("title=").Append(Escape(book.Title)).Append('\n');
        text.Append("album=").Append(Escape(book.Title)).Append('\n');
        text.Append("genre=Audiobook\n");
        if (LanguageCode(book.Language) is { } language)
        {
            text.Append("language=").Append(language).Append('\n');
        }

        for (var i = 0; i < book.Chapters.Count; i++)
        {
            var end = i + 1 < chapterStarts.Count ? chapterStarts[i + 1] : durationMs;
            text.Append(CultureInfo.InvariantCulture, $"[CHAPTER]\nTIMEBASE=1/1000\nSTART={chapterStarts[i]}\nEND={end}\n");
            text.Append("title=").Append(Escape(book.Chapters[i].Title)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>ffmetadata escapes its special characters with a backslash; other control characters are dropped.</summary>
    private static string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '=' or ';' or '#' or '\\')
            {
                escaped.Append('\\').Append(c);
            }
            else if (!char.IsControl(c))
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }
}
