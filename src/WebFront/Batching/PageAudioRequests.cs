using Lector.Abstractions;
using Lector.Abstractions.Audio;

namespace Lector.WebFront.Batching;

/// <summary>
/// This front's door to page audio requests. One caller's identical requests for one page-voice that arrive while
/// one is under way go to the grain together, as one request, and share its answer: a crowd of retries or tabs costs
/// the page-voice grain one turn per round trip instead of one (and, before the audio exists, one serial turn) per
/// request. Each waiting request is answered by a call that started after it arrived, so none sees an answer older
/// than itself; only the call that created the audio answers "created".
/// </summary>
public sealed class PageAudioRequests
{
    private readonly CallCoalescer<(string CallerId, string GrainKey), bool, AudioRequestResult> _calls;

    public PageAudioRequests(IClusterClient cluster) =>
        _calls = new(async (key, requests) =>
        {
            var result = await RequestAsync(cluster.Grain<IPageVoiceGrain>(key.GrainKey), key.CallerId);
            return [result, .. requests.Skip(1).Select(_ => result with { Created = false })];
        }, int.MaxValue);

    public Task<AudioRequestResult> RequestAsync(string callerId, AudioKey audio) => _calls.Enqueue((callerId, audio.GrainKey), true);

    /// <summary>A read-only turn answers the common case (the audio is there), so only a first request waits its turn.</summary>
    private static async Task<AudioRequestResult> RequestAsync(IPageVoiceGrain grain, string callerId) =>
        await grain.RequestExisting(callerId) is { } existing
            ? new AudioRequestResult(existing, Created: false)
            : await grain.Request(callerId);
}
