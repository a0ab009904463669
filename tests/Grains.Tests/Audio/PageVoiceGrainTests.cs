using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;

namespace Lector.Grains.Tests.Audio;

[Collection(ClusterCollection.Name)]
public sealed class PageVoiceGrainTests(LectorClusterFixture fixture)
{
    private const string Voice = "local:en-us";

    [Fact]
    public async Task Racing_requests_for_one_page_and_voice_get_one_audio_and_one_engine_call()
    {
        var (owner, documentId, text) = await TestDocuments.CreateAsync(fixture.Client, "A page that two hundred requests race to hear.");
        var audio = fixture.Client.GetGrain<IPageVoiceGrain>(new AudioKey(documentId, 1, Voice).GrainKey);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => audio.Request(owner))));

        Assert.Single(results.Select(r => r.Audio.Id).Distinct());
        Assert.Single(results, r => r.Created);
        var completed = await TestDocuments.WaitForFinalAsync(audio, owner);
        Assert.Equal(AudioStatus.Completed, completed.Status);
        Assert.Equal(1, fixture.Engine.CallsFor(text));
    }

    [Fact]
    public async Task Completed_audio_is_a_stored_mp3_whose_length_fits_the_text()
    {
        var sentence = "Lector reads documents aloud in the voice you pick. ";
        var (owner, documentId, text) = await TestDocuments.CreateAsync(fixture.Client, string.Concat(Enumerable.Repeat(sentence, 12)));
        var audio = fixture.Client.GetGrain<IPageVoiceGrain>(new AudioKey(documentId, 1, Voice).GrainKey);

        await audio.Request(owner);
        var done = await TestDocuments.WaitForFinalAsync(audio, owner);
        var content = await audio.OpenContent(owner);

        Assert.Equal(AudioStatus.Completed, done.Status);
        Assert.Equal("audio/mpeg", content.ContentType);
        await using var stream = await fixture.Blobs.OpenReadAsync(content.BlobKey);
        Assert.NotNull(stream);
        Assert.Equal(done.SizeBytes, stream.Length);
        var header = new byte[3];
        await stream.ReadExactlyAsync(header);
        Assert.True(header.AsSpan().SequenceEqual("ID3"u8) || (header[0] == 0xFF && (header[1] & 0xE0) == 0xE0), "not an MP3 stream");
        var charactersPerSecond = text.Length / (done.DurationMs!.Value / 1000.0);
        Assert.InRange(charactersPerSecond, 10, 20);
    }

    [Fact]
    public async Task Completed_local_audio_records_its_engine_and_the_characters_it_spoke()
    {
        var (owner, documentId, text) = await TestDocuments.CreateAsync(fixture.Client, "Eleven words of plain text for the local engine to speak aloud.");
        var audio = fixture.Client.GetGrain<IPageVoiceGrain>(new AudioKey(documentId, 1, Voice).GrainKey);

        await audio.Request(owner);
        var done = await TestDocuments.WaitForFinalAsync(audio, owner);

        Assert.Equal(AudioStatus.Completed, done.Status);
        Assert.Equal("local", done.Engine);
        Assert.Equal(text.Length, done.BilledCharacters);
    }

    [Fact]
    public async Task The_per_page_limit_holds_when_many_voices_race()
    {
        var (owner, documentId, _) = await TestDocuments.CreateAsync(fixture.Client, "Short page for many voices.");
        var voices = (await fixture.Client.GetGrain<IVoiceCatalogGrain>(0).ListVoices()).Take(8).Select(v => v.Id).ToList();

        var attempts = await Task.WhenAll(voices.Select(async voice =>
        {
            try
            {
                await fixture.Client.GetGrain<IPageVoiceGrain>(new AudioKey(documentId, 1, voice).GrainKey).Request(owner);
                return "ok";
            }
            catch (LectorException e)
            {
                return e.Code;
            }
        }));

        Assert.Equal(4, attempts.Count(a => a == "ok"));
        Assert.Equal(4, attempts.Count(a => a == "audio.quota_exceeded"));
    }

    [Fact]
    public async Task Someone_without_access_cannot_request_or_read_audio()
    {
        var (owner, documentId, _) = await TestDocuments.CreateAsync(fixture.Client, "Private words.");
        var audio = fixture.Client.GetGrain<IPageVoiceGrain>(new AudioKey(documentId, 1, Voice).GrainKey);
        await audio.Request(owner);

        var stranger = Guid.NewGuid().ToString("N");
        var request = await Assert.ThrowsAsync<LectorException>(() => audio.Request(stranger));
        var read = await Assert.ThrowsAsync<LectorException>(() => audio.Get(stranger));

        Assert.Equal("document.not_found", request.Code);
        Assert.Equal("document.not_found", read.Code);
    }

    [Fact]
    public async Task Deleting_audio_removes_its_blob_and_frees_the_slot()
    {
        var (owner, documentId, text) = await TestDocuments.CreateAsync(fixture.Client, "Audio that will be deleted.");
        var audio = fixture.Client.GetGrain<IPageVoiceGrain>(new AudioKey(documentId, 1, Voice).GrainKey);
        await audio.Request(owner);
        await TestDocuments.WaitForFinalAsync(audio, owner);
        var blobKey = (await audio.OpenContent(owner)).BlobKey;

        await audio.Delete(owner);

        Assert.False(await fixture.Blobs.ExistsAsync(blobKey));
        Assert.Null(await audio.Peek());
        var page = await fixture.Client.GetGrain<IDocumentGrain>(documentId).ListPages(owner, new PageRequest(1, 10));
        Assert.Equal(0, page.Items[0].AudioCount);
        var again = await audio.Request(owner);
        Assert.True(again.Created);
        Assert.Equal(AudioStatus.Completed, (await TestDocuments.WaitForFinalAsync(audio, owner)).Status);
        Assert.Equal(2, fixture.Engine.CallsFor(text));
    }
}
