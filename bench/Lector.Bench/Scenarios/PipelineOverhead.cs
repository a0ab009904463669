using System.Diagnostics;
using System.Globalization;
using Lector.Grains.Speech;
using Lector.Grains.Speech.Festival;
using Lector.Testing;

namespace Lector.Bench.Scenarios;

/// <summary>
/// A whole document through each of Lector's local engines (HTTP request per page, grain, engine with its speech marks,
/// lame, blob, state) against the same synthesizer piped into lame run directly on the same page texts with the same
/// parallelism: espeak-ng, and Festival's own text2wave with the same voice.
/// </summary>
public static class PipelineOverhead
{
    public static async Task<IReadOnlyList<ResultRow>> RunAsync(BenchSizes sizes)
    {
        // The host's default synthesis concurrency is one per core; the direct run gets the same.
        var parallelism = Environment.ProcessorCount;
        await using var app = await BenchHost.StartAsync(settings: $"--App:MaxPageCharacters={sizes.PipelinePageCharacters * 3 / 2}");
        var user = await BenchUser.CreateAsync(app);
        var espeak = new EspeakOptions();
        var festival = new FestivalOptions();
        var espeakRow = await CompareAsync(app, user, sizes, "local", sizes.PipelinePages, parallelism, (voice, text, token) =>
            PipeAsync($"{espeak.Executable} --stdin --stdout -b 1 -v '{voice}' -s {espeak.WordsPerMinute.ToString(CultureInfo.InvariantCulture)}", espeak, text, token));
        // Festival's name for the voice Lector offers as festival:en-us-slt.
        var festivalRow = await CompareAsync(app, user, sizes, "festival", sizes.PipelineFestivalPages, parallelism, (_, text, token) =>
            PipeAsync("text2wave -eval '(voice_cmu_us_slt_arctic_hts)' -o /dev/stdout", festival, text, token));
        return
        [
            new($"Pipeline overhead ({espeakRow.Pages} pages of ~{sizes.PipelinePageCharacters:N0} chars, local engine, parallelism {parallelism})",
                Format.Seconds(TimeSpan.FromSeconds(espeakRow.Lector)), Format.Seconds(TimeSpan.FromSeconds(espeakRow.Direct)) + " (espeak-ng piped to lame, directly)", espeakRow.Lector / espeakRow.Direct,
                $"target <= 1.20x; time ratio (lower is better); Lector (with marks measured from pauses): POST per page to completion of all; {espeakRow.Runs}; {espeakRow.HostCpu}"),
            new($"Pipeline overhead, Festival ({festivalRow.Pages} pages of ~{sizes.PipelinePageCharacters:N0} chars, festival:en-us-slt, parallelism {parallelism})",
                Format.Seconds(TimeSpan.FromSeconds(festivalRow.Lector)), Format.Seconds(TimeSpan.FromSeconds(festivalRow.Direct)) + " (Festival's text2wave piped to lame, directly)", festivalRow.Lector / festivalRow.Direct,
                $"target <= 1.20x; time ratio (lower is better); Lector (with word marks from Festival's utterances): POST per page to completion of all; {festivalRow.Runs}; {festivalRow.HostCpu}"),
        ];
    }

    /// <summary>Medians of Lector and of the direct pipeline over the runs, each on a new document of <paramref name="pages"/> pages.</summary>
    private static async Task<(int Pages, double Lector, double Direct, string Runs, string HostCpu)> CompareAsync(
        LectorApp app,
        BenchUser user,
        BenchSizes sizes,
        string engine,
        int pages,
        int parallelism,
        Func<string, string, CancellationToken, Task> synthesizeDirectly)
    {
        var voice = await user.VoiceAsync(engine, "en");
        var voiceName = voice[(voice.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var lector = new List<double>();
        var direct = new List<double>();
        var lectorCpu = new List<double>();
        var directCpu = new List<double>();
        var pageCount = 0;
        for (var run = 0; run < sizes.PipelineRuns; run++)
        {
            var documentId = await user.PostDocumentAsync($"Pipeline {engine} {run}", Corpus.Document(pages, sizes.PipelinePageCharacters));
            pageCount = await user.WaitForDocumentAsync(documentId);
            var numbers = Enumerable.Range(1, pageCount).ToList();
            var texts = await Task.WhenAll(numbers.Select(p => user.PageSpeechAsync(documentId, p)));

            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(numbers.Select(async p =>
            {
                using var response = await user.Client.SendAsync(user.RequestAudio(documentId, p, voice));
                response.EnsureSuccessStatusCode();
            }));
            var failed = await AudioProgress.WaitAllAsync(app, documentId, numbers, voice, TimeSpan.FromMinutes(15));
            lector.Add(clock.Elapsed.TotalSeconds);
            lectorCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / pageCount);
            if (failed > 0)
            {
                throw new InvalidOperationException($"{failed} pages failed to synthesize with {voice}.");
            }

            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            await Parallel.ForEachAsync(texts, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (text, token) =>
                await synthesizeDirectly(voiceName, text, token));
            direct.Add(clock.Elapsed.TotalSeconds);
            directCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / pageCount);
        }

        return (pageCount, Format.Median(lector), Format.Median(direct), $"Lector {Format.Runs(lector, "0.00")} vs baseline {Format.Runs(direct, "0.00")}",
            $"CPU of this process per page (the programs it runs not included) {Format.Number(Format.Median(lectorCpu), "ms")} vs {Format.Number(Format.Median(directCpu), "ms")}");
    }

    /// <summary>The synthesizer as a shell pipeline into lame with the engine's MP3 settings, the text on stdin, the MP3 read and dropped.</summary>
    private static async Task PipeAsync(string synthesizer, LocalEngineOptions options, string text, CancellationToken cancellationToken)
    {
        var kbps = options.BitrateKbps.ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("/bin/sh", ["-c", $"{synthesizer} | {options.Encoder} --quiet -m m -b {kbps} - -"])
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
            throw new InvalidOperationException($"{synthesizer} | lame exited with {process.ExitCode}.");
        }
    }
}
