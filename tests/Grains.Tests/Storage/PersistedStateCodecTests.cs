using System.Text.Json;
using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;
using Lector.Grains.Audio;
using Lector.Grains.Documents;
using Lector.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Lector.Grains.Tests.Storage;

/// <summary>A migrating activation's state goes through Orleans' serializer; with the codec it arrives exactly as it left.</summary>
public sealed class PersistedStateCodecTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(serializer => serializer.AddPersistedStateCodec())
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void The_codec_covers_the_states_grains_persist_and_nothing_else_of_theirs()
    {
        IReadOnlySet<Type> covered = PersistedStateCodec.StateTypes;
        Assert.Contains(typeof(PageVoiceState), covered);
        Assert.Contains(typeof(DocumentAudioJobState), covered);
        Assert.Contains(typeof(PageState), covered);
        Assert.Contains(typeof(SummaryIndexState<DocumentSummary>), covered);
        Assert.DoesNotContain(typeof(PageVoiceGrain), covered);
        Assert.DoesNotContain(typeof(SettingException), covered);
    }

    [Fact]
    public void Every_state_type_round_trips_inside_its_grain_state()
    {
        var roundTrip = typeof(PersistedStateCodecTests).GetMethod(nameof(AssertRoundTrips), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        foreach (var type in PersistedStateCodec.StateTypes)
        {
            roundTrip.MakeGenericMethod(type).Invoke(null, [Activator.CreateInstance(type)]);
        }
    }

    [Fact]
    public void A_job_in_flight_arrives_with_its_progress()
    {
        AssertRoundTrips(new DocumentAudioJobState
        {
            Status = DocumentAudioJobStatus.Running,
            RequestedBy = "user-1",
            Total = 50,
            NextPage = 12,
            InFlight = [8, 10, 11],
            Completed = 7,
            Failures = [new PageAudioFailure(9, new SafeError("audio.synthesis_failed", "Speech could not be generated."), "audio-9")],
            StartedAt = DateTimeOffset.Parse("2026-11-30T10:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    private static void AssertRoundTrips<T>(T state)
    {
        var arrived = Serializer.Deserialize<GrainState<T>>(Serializer.SerializeToArray(new GrainState<T>(state, "7") { RecordExists = true }))!;

        Assert.Equal("7", arrived.ETag);
        Assert.True(arrived.RecordExists);
        Assert.IsType<T>(arrived.State);
        Assert.Equal(JsonSerializer.Serialize(state, JsonGrainStateSerializer.Options), JsonSerializer.Serialize(arrived.State, JsonGrainStateSerializer.Options));
    }
}
