using Lector.Grains.Speech.Normalization;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.Grains.Tests.Speech.Normalization;

[Collection(ClusterCollection.Name)]
public sealed class SiloSpeechNormalizerTests(LectorClusterFixture fixture)
{
    [Fact]
    public void Every_silo_offers_the_speech_normalizer()
    {
        foreach (var silo in fixture.Cluster.Silos)
        {
            var normalizer = fixture.Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<ISpeechNormalizer>();

            Assert.Equal("Doctor Smith", normalizer.Normalize("Dr. Smith", "en"));
        }
    }
}
