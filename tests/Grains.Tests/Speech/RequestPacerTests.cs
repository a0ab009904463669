using Lector.Grains.Speech;
using Lector.Grains.Speech.Polly;
using Microsoft.Extensions.Time.Testing;

namespace Lector.Grains.Tests.Speech;

/// <summary>Pacing is checked on a fake clock: by how many requests got through, never by wall-clock timing.</summary>
public sealed class RequestPacerTests
{
    [Fact]
    public async Task Requests_get_through_at_the_configured_rate_and_no_faster()
    {
        var time = new FakeTimeProvider();
        var pacer = new RequestPacer(requestsPerSecond: 8, time);

        var waits = Enumerable.Range(0, 40).Select(_ => pacer.WaitAsync(CancellationToken.None).AsTask()).ToList();
        var throughAtStart = waits.Count(w => w.IsCompleted);
        var through = new List<int>();
        for (var second = 1; second <= 3; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
            through.Add(waits.Count(w => w.IsCompleted));
        }

        Assert.Equal(1, throughAtStart);
        Assert.Equal([9, 17, 25], through);
    }

    [Fact]
    public async Task Each_polly_engine_has_its_own_pace_from_the_options()
    {
        var time = new FakeTimeProvider();
        var options = new PollyOptions();
        options.RequestsPerSecond[PollyEngines.Neural] = 2;
        var pacing = new PollyPacing(Microsoft.Extensions.Options.Options.Create(options), time, FixedActiveSilos.One);

        var standard = Enumerable.Range(0, 100).Select(_ => pacing.WaitAsync(PollyEngines.Standard, CancellationToken.None).AsTask()).ToList();
        var neural = Enumerable.Range(0, 10).Select(_ => pacing.WaitAsync(PollyEngines.Neural, CancellationToken.None).AsTask()).ToList();
        time.Advance(TimeSpan.FromSeconds(1));
        await Task.Yield();

        Assert.Equal(81, standard.Count(w => w.IsCompleted));
        Assert.Equal(3, neural.Count(w => w.IsCompleted));
    }
}
