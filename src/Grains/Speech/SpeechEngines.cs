using System.Diagnostics;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Diagnostics;

namespace Lector.Grains.Speech;

/// <summary>
/// The configured engines, addressed by namespaced voice id (<c>engine:voice</c>). Also bounds how many
/// syntheses run at once on this silo, so a whole-document job cannot starve the machine.
/// </summary>
public sealed class SpeechEngines(IEnumerable<ISpeechEngine> engines, SpeechConcurrency concurrency)
{
    private readonly Dictionary<string, ISpeechEngine> _engines = engines.ToDictionary(e => e.Name, StringComparer.Ordinal);

    public async Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken)
    {
        var lists = await Task.WhenAll(_engines.Values.Select(e => e.ListVoicesAsync(cancellationToken)));
        return [.. lists.SelectMany(l => l)];
    }

    /// <summary>The engine and its own voice name when the voice exists; otherwise null.</summary>
    public async Task<(ISpeechEngine Engine, string VoiceName)?> ResolveAsync(string voiceId, CancellationToken cancellationToken) =>
        await FindAsync(voiceId, cancellationToken) is { } found ? (found.Engine, found.VoiceName) : null;

    /// <summary>The voice as listed (its language, for one), its engine and the engine's own name for it; null when no engine offers it.</summary>
    public async Task<ResolvedVoice?> FindAsync(string voiceId, CancellationToken cancellationToken)
    {
        var separator = voiceId.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0 || !_engines.TryGetValue(voiceId[..separator], out var engine))
        {
            return null;
        }

        var voices = await engine.ListVoicesAsync(cancellationToken);
        return voices.FirstOrDefault(v => v.Id == voiceId) is { } voice ? new ResolvedVoice(voice, engine, voiceId[(separator + 1)..]) : null;
    }

    /// <summary>One engine call, after waiting for a free slot; traced (<c>speech.synthesize</c>) and measured (<see cref="SpeechMetrics"/>).</summary>
    public async Task<SynthesizedSpeech> SynthesizeAsync(ISpeechEngine engine, string voiceName, SpeechText text, CancellationToken cancellationToken)
    {
        using var activity = LectorDiagnostics.Source.StartActivity("speech.synthesize");
        activity?.SetTag("lector.speech.engine", engine.Name);
        activity?.SetTag("lector.speech.voice", voiceName);
        activity?.SetTag("lector.speech.characters", text.Text.Length);
        SpeechMetrics.EnterQueue();
        try
        {
            await concurrency.Gate.WaitAsync(cancellationToken);
        }
        finally
        {
            SpeechMetrics.LeaveQueue();
        }

        var started = Stopwatch.GetTimestamp();
        SpeechMetrics.Start();
        try
        {
            var speech = await engine.SynthesizeAsync(voiceName, text, cancellationToken);
            SpeechMetrics.Succeeded(engine.Name, Stopwatch.GetElapsedTime(started), speech.BilledCharacters);
            activity?.SetTag("lector.speech.billed_characters", speech.BilledCharacters);
            return speech;
        }
        catch (Exception e)
        {
            var code = e switch
            {
                SpeechException speech => speech.Code,
                OperationCanceledException => "cancelled",
                _ => e.GetType().Name,
            };
            SpeechMetrics.Failed(engine.Name, Stopwatch.GetElapsedTime(started), code);
            activity.Fail(code);
            throw;
        }
        finally
        {
            concurrency.Gate.Release();
        }
    }
}

/// <summary>A voice a configured engine offers: as listed, with the engine and the engine's own name for it.</summary>
public sealed record ResolvedVoice(VoiceInfo Voice, ISpeechEngine Engine, string VoiceName);

/// <summary>The silo-wide limit on concurrent syntheses.</summary>
public sealed class SpeechConcurrency(int limit) : IDisposable
{
    public SemaphoreSlim Gate { get; } = new(limit, limit);

    public void Dispose() => Gate.Dispose();
}
