using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Blobs;
using Lector.Grains.Audio;
using Lector.Grains.Lexicon;
using Lector.Grains.Speech;
using Lector.Grains.Speech.Normalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Tests.Audio;

/// <summary>
/// The S3 endpoint goes away (connections refused, a real S3 server behind a relay that is cut) while a page is being
/// rendered: the renderer waits the outage out and stores what the engine made once, instead of failing the page or
/// synthesizing it again.
/// </summary>
public sealed class PageRendererBlobOutageTests(MotoServerFixture s3) : IClassFixture<MotoServerFixture>
{
    [Fact]
    public async Task An_outage_of_the_blob_store_is_waited_out_without_synthesizing_again()
    {
        await using var relay = new TcpRelay(s3.Port);
        var prefix = $"outage-{Guid.NewGuid():N}";
        var blobs = new FailureCountingBlobStore(s3.CreateStore(prefix, serviceUrl: $"http://127.0.0.1:{relay.Port}"));
        var engine = new CountingSpeechEngine(new EspeakEngine(Options.Create(new EspeakOptions())));
        var renderer = new PageRenderer(new SpeechEngines([engine], new SpeechConcurrency(2)), new SpeechNormalizer(), blobs, Options.Create(new SpeechRetryOptions()), TimeProvider.System, NullLogger<PageRenderer>.Instance);

        relay.Cut();
        var rendering = renderer.RenderAsync(new AudioKey("doc1", 1, "local:en-us"), "Spoken while the blob store is away.", "en", PronunciationLexicon.Empty, committedBlobKey: null, CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (blobs.FailedPuts == 0)
        {
            Assert.False(rendering.IsCompleted, "The rendering ended while the blob store was unreachable.");
            Assert.True(DateTime.UtcNow < deadline, "No write reached the cut blob store within 60 s.");
            await Task.Delay(50);
        }

        relay.Restore();
        var rendered = await rendering.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(1, engine.TotalCalls);
        Assert.True(await s3.CreateStore(prefix).ExistsAsync(rendered.BlobKey));
    }

    /// <summary>The real store, with the writes it refused counted so the test knows the outage was met.</summary>
    private sealed class FailureCountingBlobStore(S3BlobStore inner) : IBlobStore
    {
        private int _failedPuts;

        public int FailedPuts => Volatile.Read(ref _failedPuts);

        public async Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
        {
            try
            {
                await inner.PutAsync(key, content, cancellationToken);
            }
            catch (BlobStoreException)
            {
                Interlocked.Increment(ref _failedPuts);
                throw;
            }
        }

        public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default) => inner.OpenReadAsync(key, cancellationToken);

        public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => inner.ExistsAsync(key, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);

        public IAsyncEnumerable<BlobInfo> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default) =>
            inner.ListAsync(prefix, startAfter, cancellationToken);

        public Task<Uri?> GetReadUrlAsync(string key, string contentType, CancellationToken cancellationToken = default) =>
            inner.GetReadUrlAsync(key, contentType, cancellationToken);
    }
}
