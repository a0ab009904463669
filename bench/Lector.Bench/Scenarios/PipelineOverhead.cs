using System.Diagnostics;
using System.Globalization;
using Lector.Grains.Speech;
using Lector.Testing;

namespace Lector.Bench.Scenarios;

/// <summary>
/// A whole document through Lector's local engine (HTTP request per page, grain, espeak-ng, lame, blob, state)
/// against espeak-ng piped into lame run directly on the same page texts with the same parallelism.
/// </summary>
public static class PipelineOverhead
{
    public static async Task<IReadOnlyList<ResultRow>> RunAsync(BenchSizes sizes)
    {
        // The host's default synthesis concurrency is one per core; the direct run gets the same.
        var parallelism = Environment.ProcessorCount;
        await using var app = await BenchHost.StartAsync(settings: $"--App:MaxPageCharacters={sizes.PipelinePageCharacters * 3 / 2}");
        var user = await BenchUser.CreateAsync(app);
        var voice = await user.VoiceAsync("local", "en");
        var options = new EspeakOptions();

        var lector = new List<double>();
        var direct = new List<double>();
        var pageCount = 0;
        for (var run = 0; run < sizes.PipelineRuns; run++)
        {
            var documentId = await user.PostDocumentAsync($"Pipeline {run}", Corpus.Document(sizes.PipelinePages, sizes.PipelinePageCharacters));
            pageCount = await user.WaitForDocumentAsync(documentId);
            var pages = Enumerable.Range(1, pageCount).ToList();
            var texts = await Task.WhenAll(pages.Select(p => user.PageSpeechAsync(documentId, p)));

            var clock = Stopwatch.StartNew();
            await Task.WhenAll(pages.Select(async p =>
            {
                using var response = await user.Client.SendAsync(user.RequestAudio(documentId, p, voice));
                response.EnsureSuccessStatusCode();
            }));
            var failed = await AudioProgress.WaitAllAsync(app, documentId, pages, voice, TimeSpan.FromMinutes(15));
            lector.Add(clock.Elapsed.TotalSeconds);
            if (failed > 0)
            {
                throw new InvalidOperationException($"{failed} pages failed to synthesize.");
            }

            clock.Restart();
            await Parallel.ForEachAsync(texts, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (text, token) =>
                await SynthesizeDirectlyAsync(options, voice[(voice.IndexOf(':', StringComparison.Ordinal) + 1)..], text, token));
            direct.Add(clock.Elapsed.TotalSeconds);
        }

        var lectorSeconds = Format.Median(lector);
        var directSeconds = Format.Median(direct);
        return
        [
            new($"Pipeline overhead ({pageCount} pages of ~{sizes.PipelinePageCharacters:N0} chars, local engine, parallelism {parallelism})",
                Format.Seconds(TimeSpan.FromSeconds(lectorSeconds)), Format.Seconds(TimeSpan.FromSeconds(directSeconds)) + " (espeak-ng piped to lame, directly)", lectorSeconds / directSeconds,
                $"target <= 1.20x; time ratio (lower is better); Lector: POST per page to completion of all; Lector {Format.Runs(lector, "0.00")} vs baseline {Format.Runs(direct, "0.00")}"),
        ];
    }

    /// <summary>The same programs and settings as the engine, as a shell pipeline, the MP3 read and dropped.</summary>
    private static async Task SynthesizeDirectlyAsync(EspeakOptions options, string voiceName, string text, CancellationToken cancellationToken)
    {
        var wpm = options.WordsPerMinute.ToString(CultureInfo.InvariantCulture);
        var kbps = options.BitrateKbps.ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("/bin/sh", ["-c", $"{options.Executable} --stdin --stdout -b 1 -v '{voiceName}' -s {wpm} | {options.Encoder} --quiet -m m -b {kbps} - -"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The shell did not start.");
        var output = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, cancellationToken);
        await process.StandardInput.WriteAsync(text.AsMemory(), cancellationToken);
        process.StandardInput.Close();
        await output;
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"espeak-ng | lame exited with {process.ExitCode}.");
        }
    }
}
