using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Grains.Audio;

namespace Lector.Grains.Tests.Audio;

/// <summary>Each test previews voices no other test previews, since engine calls are counted per sentence across the collection.</summary>
[Collection(ClusterCollection.Name)]
public sealed class VoicePreviewGrainTests(LectorClusterFixture fixture)
{
    [Fact]
    public async Task Racing_requests_for_a_new_preview_make_one_engine_call_and_one_stored_mp3()
    {
        var sentence = VoicePreviewText.For("fr-fr");
        var preview = fixture.Client.GetGrain<IVoicePreviewGrain>("local:fr-fr");

        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(preview.Open)));

        var content = Assert.Single(answers.Distinct());
        Assert.Equal(1, fixture.Engine.CallsFor(sentence));
        Assert.StartsWith("previews/", content.BlobKey, StringComparison.Ordinal);
        Assert.Equal("audio/mpeg", content.ContentType);
        await using var stream = await fixture.Blobs.OpenReadAsync(content.BlobKey);
        Assert.NotNull(stream);
        var header = new byte[3];
        await stream.ReadExactlyAsync(header);
        Assert.True(header.AsSpan().SequenceEqual("ID3"u8) || (header[0] == 0xFF && (header[1] & 0xE0) == 0xE0), "not an MP3 stream");
    }

    [Fact]
    public async Task A_stored_preview_outlives_its_activation_and_a_lost_one_is_made_again()
    {
        var sentence = VoicePreviewText.For("es");
        var preview = fixture.Client.GetGrain<IVoicePreviewGrain>("local:es");
        var first = await preview.Open();

        await DeactivateIdleGrainsAsync();
        var again = await preview.Open();

        Assert.Equal(first, again);
        Assert.Equal(1, fixture.Engine.CallsFor(sentence));

        await fixture.Blobs.DeleteAsync(first.BlobKey);
        await DeactivateIdleGrainsAsync();
        var remade = await preview.Open();

        Assert.Equal(first, remade);
        Assert.Equal(2, fixture.Engine.CallsFor(sentence));
        Assert.True(await fixture.Blobs.ExistsAsync(remade.BlobKey));
    }

    [Fact]
    public async Task A_voice_whose_language_has_no_sentence_says_the_english_one()
    {
        var before = fixture.Engine.CallsFor(VoicePreviewText.English);

        var content = await fixture.Client.GetGrain<IVoicePreviewGrain>("local:fi").Open();

        Assert.True(await fixture.Blobs.ExistsAsync(content.BlobKey));
        Assert.Equal(before + 1, fixture.Engine.CallsFor(VoicePreviewText.English));
        Assert.NotEqual(VoicePreviewText.English, VoicePreviewText.For("de-DE"));
    }

    [Fact]
    public async Task An_unknown_voice_is_not_found_and_costs_no_synthesis()
    {
        var before = fixture.Engine.TotalCalls;

        var error = await Assert.ThrowsAsync<LectorException>(() => fixture.Client.GetGrain<IVoicePreviewGrain>("local:klingon").Open());
        var otherEngine = await Assert.ThrowsAsync<LectorException>(() => fixture.Client.GetGrain<IVoicePreviewGrain>("nowhere:en-us").Open());

        Assert.Equal(("voice.not_found", ErrorKind.NotFound), (error.Code, error.Kind));
        Assert.Equal("voice.not_found", otherEngine.Code);
        Assert.Equal(before, fixture.Engine.TotalCalls);
    }

    /// <summary>The next call reaches a new activation, which knows only what was stored.</summary>
    private Task DeactivateIdleGrainsAsync() => fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
}
