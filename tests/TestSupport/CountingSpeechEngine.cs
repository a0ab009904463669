using System.Collections.Concurrent;
using Lector.Abstractions.Audio;
using Lector.Grains.Speech;

namespace Lector.Testing;

/// <summary>Wraps a real engine and counts its synthesis calls per text, so tests can prove exactly-once synthesis.</summary>
public sealed class CountingSpeechEngine(ISpeechEngine inner) : ISpeechEngine
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public string Name => inner.Name;

    public string SettingsFingerprint => inner.SettingsFingerprint;

    public int CallsFor(string text) => _calls.GetValueOrDefault(text);

    public int TotalCalls => _calls.Values.Sum();

    /// <summary>Every text the engine was sent, with its pronunciations, in order.</summary>
    public ConcurrentQueue<SpeechText> Sent { get; } = new();

    public Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken) => inner.ListVoicesAsync(cancellationToken);

    public Task<SynthesizedSpeech> SynthesizeAsync(string voiceName, SpeechText text, CancellationToken cancellationToken)
    {
        _calls.AddOrUpdate(text.Text, 1, (_, n) => n + 1);
        Sent.Enqueue(text);
        return inner.SynthesizeAsync(voiceName, text, cancellationToken);
    }
}
