using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Work;
using Lector.Grains.Audio;
using Lector.Grains.Documents;
using Lector.Grains.Work;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Storage;

namespace Lector.Grains.Tests.Work;

/// <summary>
/// Work starts with two writes: the worker's pending-work entry, then its own state saying it runs. Either may be
/// refused (the pending-work grain still addressed on a silo that just stopped, the database away). What was refused
/// is not kept in memory as if stored: a job is left as it was, so the next start runs it (rather than one saying it
/// runs with nothing behind it, which every later start joins and an export waits on forever), and an entry added
/// again is written.
/// </summary>
public sealed class RefusedStartWriteTests(RefusedStartWriteTests.RefusingStorageCluster fixture)
    : IClassFixture<RefusedStartWriteTests.RefusingStorageCluster>
{
    private const string Voice = "local:en-us";

    [Theory]
    [InlineData("its pending-work entry")]
    [InlineData("its running state")]
    public async Task A_restart_whose_write_is_refused_leaves_the_job_to_the_next_start_which_completes_it(string refused)
    {
        var (owner, documentId, _) = await TestDocuments.CreateAsync(fixture.Client, $"A job started three times, {Guid.NewGuid():N}.");
        var job = fixture.Client.GetGrain<IDocumentAudioJobGrain>(DocumentAudioJobKey.For(documentId, Voice));
        await CompletedAsync(job, owner, await job.Start(owner));

        // Started again (as an export does before it reads the pages' audio), the finished job is refused half-way.
        var jobId = job.GetGrainId().ToString();
        fixture.Serializer.RefuseNext(refused == "its pending-work entry"
            ? state => state is PendingWorkState pending && pending.Grains.Contains(jobId)
            : state => state is DocumentAudioJobState { Status: DocumentAudioJobStatus.Running });
        await Assert.ThrowsAnyAsync<Exception>(() => job.Start(owner));
        Assert.True(fixture.Serializer.Refused, "The write was never refused; the test proves nothing.");

        var done = await CompletedAsync(job, owner, await job.Start(owner));
        Assert.Equal((done.Total, 0), (done.Completed, done.Failed));
    }

    [Fact]
    public async Task A_pending_work_entry_whose_write_was_refused_is_stored_when_it_is_added_again()
    {
        var id = fixture.Client.GetGrain<IDocumentAudioJobGrain>(DocumentAudioJobKey.For(Guid.NewGuid().ToString("N"), Voice)).GetGrainId();
        var shard = fixture.Client.GetGrain<IPendingWorkGrain>(IPendingWorkGrain.ShardOf(id));
        fixture.Serializer.RefuseNext(state => state is PendingWorkState pending && pending.Grains.Contains(id.ToString()));
        await Assert.ThrowsAnyAsync<Exception>(() => shard.Add(id));
        Assert.True(fixture.Serializer.Refused, "The write was never refused; the test proves nothing.");

        await shard.Add(id);

        // What a silo started after a crash finds: a new activation reads only what was stored.
        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Contains(id, await shard.List());
        await shard.Remove(id);
    }

    [Theory]
    [InlineData("its pending-work entry")]
    [InlineData("its deleting state")]
    public async Task A_delete_whose_write_is_refused_leaves_the_document_readable_and_the_next_delete_removes_it(string refused)
    {
        var (owner, documentId, _) = await TestDocuments.CreateAsync(fixture.Client, $"A document deleted twice, {Guid.NewGuid():N}.");
        var document = fixture.Client.GetGrain<IDocumentGrain>(documentId);

        var documentGrainId = document.GetGrainId().ToString();
        fixture.Serializer.RefuseNext(refused == "its pending-work entry"
            ? state => state is PendingWorkState pending && pending.Grains.Contains(documentGrainId)
            : state => state is DocumentState { Deleting: true });
        await Assert.ThrowsAnyAsync<Exception>(() => document.Delete(owner));
        Assert.True(fixture.Serializer.Refused, "The write was never refused; the test proves nothing.");

        Assert.NotNull(await document.Describe());
        Assert.Equal(Permission.Owner, await document.Authorize(owner, Permission.Owner));
        await document.Delete(owner);
        Assert.Null(await document.Describe());
    }

    private static async Task<DocumentAudioProgress> CompletedAsync(IDocumentAudioJobGrain job, string owner, DocumentAudioProgress progress)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (progress.Status != DocumentAudioJobStatus.Completed)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The job still said {progress.Status} with {progress.Completed} of {progress.Total} pages done after 30 s.");
            await Task.Delay(100);
            progress = await job.GetProgress(owner);
        }

        return progress;
    }

    /// <summary>Its own cluster, whose grain storage refuses the next write a test names.</summary>
    public sealed class RefusingStorageCluster : LectorClusterFixture
    {
        public RefusingStateSerializer Serializer { get; } = new();

        protected override void ConfigureServices(IServiceCollection services) =>
            services.PostConfigure<AdoNetGrainStorageOptions>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, options =>
            {
                Serializer.Inner ??= options.GrainStorageSerializer;
                options.GrainStorageSerializer = Serializer;
            });
    }

    /// <summary>The host's serializer, except that it refuses the next state matching what a test names, as a database that is away would.</summary>
    public sealed class RefusingStateSerializer : IGrainStorageSerializer
    {
        private Func<object?, bool>? _refuse;
        private int _refused;

        public IGrainStorageSerializer? Inner { get; set; }

        public bool Refused => Volatile.Read(ref _refused) == 1;

        public void RefuseNext(Func<object?, bool> refuse)
        {
            Volatile.Write(ref _refused, 0);
            Volatile.Write(ref _refuse, refuse);
        }

        public BinaryData Serialize<T>(T? input)
        {
            if (Volatile.Read(ref _refuse) is { } refuse && refuse(input) && Interlocked.CompareExchange(ref _refuse, null, refuse) == refuse)
            {
                Volatile.Write(ref _refused, 1);
                throw new InvalidOperationException("The grain state database is unavailable (injected by the test).");
            }

            return Inner!.Serialize(input);
        }

        public T Deserialize<T>(BinaryData input) => Inner!.Deserialize<T>(input)!;
    }
}
