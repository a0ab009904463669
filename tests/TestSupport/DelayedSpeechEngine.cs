using Lector.Abstractions.Audio;
using Lector.Grains.Speech;

namespace Lector.Testing;

/// <summary>Holds each synthesis for a while before the real engine speaks, so a silo can be stopped or killed in the middle of one.</summary>
public sealed class DelayedSpeechEngine(ISpeechEngine inner, TimeSpan delay) : ISpeechEngine
{
    public string Name => inner.Name;

    public string SettingsFingerprint => inner.SettingsFingerprint;

    public Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken) => inner.ListVoicesAsync(cancellationToken);

    public async Task<SynthesizedSpeech> SynthesizeAsync(string voiceName, SpeechText text, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken);
        return await inner.SynthesizeAsync(voiceName, text, cancellationToken);
    }
}
