using Lector.Abstractions.Audio;
using Lector.Grains.Speech;
using Orleans.Concurrency;

namespace Lector.Grains.Audio;

/// <summary>Any silo answers from its own engines; the engines cache their voice lists.</summary>
[StatelessWorker]
public sealed class VoiceCatalogGrain(SpeechEngines engines) : Grain, IVoiceCatalogGrain
{
    public Task<IReadOnlyList<VoiceInfo>> ListVoices() => engines.ListVoicesAsync(CancellationToken.None);
}
