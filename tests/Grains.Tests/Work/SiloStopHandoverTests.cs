using System.Collections.Concurrent;
using Lector.Abstractions.Accounts;
using Lector.Abstractions.Admin;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Exports;
using Lector.Abstractions.Limits;
using Lector.Abstractions.Notifications;
using Lector.Grains.Exports;
using Lector.Grains.Limits;
using Lector.Grains.Notifications;
using Lector.Grains.Tests.Exports;
using Lector.Grains.Speech;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Messaging;
using Xunit.Abstractions;

namespace Lector.Grains.Tests.Work;

/// <summary>
/// A silo stopped gracefully hands its activations that hold work or facts only in memory to the other silo (live
/// migration), state and all, instead of dropping them.
/// </summary>
public sealed class SiloStopHandoverTests(SiloStopHandoverTests.HandoverCluster fixture, ITestOutputHelper output) : IClassFixture<SiloStopHandoverTests.HandoverCluster>
{
    private const string Voice = "local:en-us";

    [Fact]
    public async Task A_page_whose_silo_stops_moves_with_the_slot_it_holds_for_audio_not_yet_written()
    {
        var (_, documentId, _) = await TestDocuments.CreateAsync(fixture.Client, "A page whose only slot is held in memory.");
        var page = fixture.Client.GetGrain<IPageGrain>(PageKey.For(documentId, 1));

        // No audio record exists: the page's activation alone holds the slot, as it does while a job's audio is rendered.
        Assert.True(await page.ReserveVoice(Voice, maxVoices: 1));
        await StopTheSiloOfAsync(page.GetGrainId());

        Assert.Equal([Voice], await AfterTheStopAsync(page.ListVoices));
        Assert.False(await AfterTheStopAsync(() => page.ReserveVoice("local:en-gb", maxVoices: 1)));
    }

    [Fact]
    public async Task A_sign_in_throttle_whose_silo_stops_keeps_counting_so_a_restart_grants_no_fresh_attempts()
    {
        var throttle = fixture.Client.GetGrain<ILoginThrottleGrain>(LoginThrottleGrain.AccountAtClient($"{Guid.NewGuid():N}@example.test", "203.0.113.7"));
        for (var i = 0; i < LoginThrottleGrain.FreeAccountAtClientFailures + 5; i++)
        {
            await throttle.RecordFailure();
        }

        Assert.False((await throttle.Check()).Allowed);
        await StopTheSiloOfAsync(throttle.GetGrainId());

        var after = await AfterTheStopAsync(throttle.Check);
        Assert.False(after.Allowed);
        Assert.True(after.RetryAfter > TimeSpan.FromSeconds(20), $"the delay went from half a minute to {after.RetryAfter}");
    }

    [Fact]
    public async Task The_credential_ends_grain_moves_with_its_fronts_so_none_is_told_to_forget_what_it_keeps()
    {
        var ends = fixture.Client.GetGrain<ICredentialEndsGrain>(0);
        var front = new Front();
        var reference = fixture.Client.CreateObjectReference<ICredentialEndObserver>(front);
        var generation = await ends.Subscribe(reference);

        await StopTheSiloOfAsync(ends.GetGrainId());

        Assert.Equal(generation, await AfterTheStopAsync(() => ends.Subscribe(reference)));
        var sessionKey = Guid.NewGuid().ToString("N");
        var session = fixture.Client.GetGrain<ISessionGrain>(sessionKey);
        await AfterTheStopAsync(() => session.Open("user", "csrf", DateTimeOffset.UtcNow.AddDays(1)));
        await AfterTheStopAsync(session.Close);
        Assert.Contains(sessionKey, front.Heard);
    }

    [Fact]
    public async Task A_running_job_whose_silo_stops_moves_with_its_state_and_does_every_page_once()
    {
        // Eight paragraphs of about 2,000 characters: a page each.
        var paragraphs = Enumerable.Range(1, 8).Select(n => $"Handover page {n}, {Guid.NewGuid():N}. " + string.Join(' ', Enumerable.Range(1, 45).Select(i => $"Sentence {i} of page {n} fills a page."))).ToList();
        var (owner, documentId, _) = await TestDocuments.CreateAsync(fixture.Client, string.Join("\n\n", paragraphs));
        var job = fixture.Client.GetGrain<IDocumentAudioJobGrain>(DocumentAudioJobKey.For(documentId, Voice));
        await job.Start(owner);
        var before = await WaitAsync(job, owner, p => p.Completed > 0);
        Assert.True(before.Pending > 0, "the job finished before its silo could be stopped");

        var logged = fixture.Logs.Lines.Count;
        await StopTheSiloOfAsync(job.GetGrainId());
        Assert.Contains("documentaudiojob 1", HandoverReportSince(logged), StringComparison.Ordinal);

        var done = await WaitAsync(job, owner, p => p.Status == DocumentAudioJobStatus.Completed);
        Assert.Equal(paragraphs.Count, done.Total);
        Assert.Equal(paragraphs.Count, done.Completed);
        Assert.Equal(0, done.Failed);
        var document = fixture.Client.GetGrain<IDocumentGrain>(documentId);
        for (var number = 1; number <= paragraphs.Count; number++)
        {
            Assert.Equal(1, fixture.Engine.CallsFor((await AfterTheStopAsync(() => document.GetPage(owner, number))).Content.Text));
        }

        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains("hydrat", StringComparison.OrdinalIgnoreCase) && l.StartsWith("Error", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains("Failed to migrate", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_settings_grain_moves_with_its_subscribers_so_a_change_right_after_the_stop_reaches_them_at_once()
    {
        var settings = fixture.Client.GetGrain<ISettingsGrain>(0);
        var listener = new SettingsListener();
        var current = await settings.Subscribe(fixture.Client.CreateObjectReference<ISettingsObserver>(listener));

        var logged = fixture.Logs.Lines.Count;
        await StopTheSiloOfAsync(settings.GetGrainId());
        Assert.Contains("settings 1", HandoverReportSince(logged), StringComparison.Ordinal);

        // Pushed before the update returns, to the subscribers the grain holds: had it started afresh, it would hold none.
        var changed = current with { RetentionDays = current.RetentionDays + 1 };
        await AfterTheStopAsync(() => settings.Update(changed));
        Assert.Contains(changed, listener.Heard);
    }

    [Fact]
    public async Task A_webhook_whose_silo_stops_while_it_retries_a_delivery_moves_and_delivers_it_once_from_the_other_silo()
    {
        await using var receiver = await WebhookReceiver.StartAsync(refusals: int.MaxValue);
        var webhook = fixture.Client.GetGrain<IWebhookGrain>(Guid.NewGuid().ToString("N"));
        await webhook.Configure(receiver.Url.AbsoluteUri, secret: null);
        await webhook.Deliver(new Notification(Guid.NewGuid().ToString("N"), "document.shared", "Shared before the stop.", new Dictionary<string, string>(), DateTimeOffset.UtcNow, Read: false));
        await UntilAsync(() => Task.FromResult(!receiver.Attempts.IsEmpty), "a first (refused) delivery attempt");

        var logged = fixture.Logs.Lines.Count;
        await StopTheSiloOfAsync(webhook.GetGrainId());
        Assert.Contains("webhook 1", HandoverReportSince(logged), StringComparison.Ordinal);

        // Moved with its timer running, it goes on retrying at once rather than when the pending-work sweep comes by.
        receiver.AcceptFromNow();
        await UntilAsync(async () => receiver.Attempts.Any(a => a.Accepted) && (await AfterTheStopAsync(webhook.Get))!.PendingDeliveries == 0, "the delivery from the other silo");
        Assert.Single(receiver.Attempts, a => a.Accepted);
        Assert.Single(receiver.Attempts.Select(a => a.DeliveryId).Distinct());
    }

    [Fact]
    public async Task An_export_whose_silo_stops_mid_build_moves_and_completes_with_one_file()
    {
        // Two pages, so the build (a second a part) is still running when the stop comes.
        var text = string.Join("\n\n", Enumerable.Range(1, 2).Select(n =>
            $"Export part {n}, {Guid.NewGuid():N}. " + string.Join(' ', Enumerable.Range(1, 40).Select(i => $"Sentence {i} of part {n} fills the page a little more."))));
        var (owner, documentId, _) = await TestDocuments.CreateAsync(fixture.Client, text);
        var export = fixture.Client.GetGrain<IExportGrain>(new ExportKey(documentId, ExportFormat.Mp3, Voice).GrainKey);
        var builds = fixture.Encoder.Started;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.True((await export.Create(owner)).Created);
        await UntilAsync(() => Task.FromResult(fixture.Encoder.Started > builds), "the build to reach the encoder");
        output.WriteLine($"The build reached the encoder after {watch.Elapsed.TotalSeconds:F1} s.");

        var logged = fixture.Logs.Lines.Count;
        watch.Restart();
        await StopTheSiloOfAsync(export.GetGrainId());
        output.WriteLine($"Its silo stopped, and another started, in {watch.Elapsed.TotalSeconds:F1} s: {HandoverReportSince(logged)}");
        Assert.Contains("export 1", HandoverReportSince(logged), StringComparison.Ordinal);
        watch.Restart();

        ExportView? done = null;
        await UntilAsync(async () => (done = await AfterTheStopAsync(() => export.Get(owner))).Status is ExportStatus.Completed or ExportStatus.Failed, "the export to finish");
        output.WriteLine($"The export was done {watch.Elapsed.TotalSeconds:F1} s later, after {fixture.Encoder.Started - builds} builds.");
        Assert.Equal(ExportStatus.Completed, done!.Status);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(fixture.DataDirectory, "blobs", "exports", documentId)));
        Assert.Equal(done.SizeBytes, new FileInfo(file).Length);
    }

    private string HandoverReportSince(int logged) =>
        Assert.Single(fixture.Logs.Lines.Skip(logged), l => l.Contains("handed over to other silos", StringComparison.Ordinal));

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited 60 s for {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Stops the silo the grain is active on, gracefully, and starts another in its place.</summary>
    private async Task StopTheSiloOfAsync(GrainId grain)
    {
        Assert.True(fixture.Cluster.TryGetGrainContext(grain, out var context));
        await fixture.Cluster.StopSiloAsync(fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(context.Address.SiloAddress)));
        await fixture.Cluster.StartAdditionalSiloAsync();
    }

    /// <summary>
    /// A call of the test client, made again while the client still tries the stopped silo, which it knew as a gateway
    /// (for a few seconds at most): the client's routing, not what is tested.
    /// </summary>
    private static async Task AfterTheStopAsync(Func<Task> call) => await AfterTheStopAsync(async () =>
    {
        await call();
        return true;
    });

    private static async Task<T> AfterTheStopAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (ConnectionFailedException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static async Task<DocumentAudioProgress> WaitAsync(IDocumentAudioJobGrain job, string caller, Func<DocumentAudioProgress, bool> until)
    {
        for (var i = 0; i < 600; i++)
        {
            var progress = await AfterTheStopAsync(() => job.GetProgress(caller));
            if (until(progress))
            {
                return progress;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The job did not get there in 60 s.");
    }

    private sealed class Front : ICredentialEndObserver
    {
        public ConcurrentBag<string> Heard { get; } = [];

        public Task CredentialEnded(string credentialKey)
        {
            Heard.Add(credentialKey);
            return Task.CompletedTask;
        }
    }

    private sealed class SettingsListener : ISettingsObserver
    {
        public ConcurrentBag<AdminSettings> Heard { get; } = [];

        public Task SettingsChanged(AdminSettings settings)
        {
            Heard.Add(settings);
            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// Its own two silos, since it stops them; every synthesis held a little, so a job is still running when its silo
    /// stops, and every part of an export too; webhooks may target loopback and retry within a second.
    /// </summary>
    public sealed class HandoverCluster : LectorClusterFixture
    {
        public CapturingLoggerProvider Logs { get; } = new();

        public new CountingSpeechEngine Engine { get; } = new(new DelayedSpeechEngine(new EspeakEngine(Options.Create(new EspeakOptions())), TimeSpan.FromMilliseconds(300)));

        public ExportRestartTests.SlowEncoder Encoder { get; } = new(new FfmpegAudioBookEncoder(Options.Create(new ExportOptions())), TimeSpan.FromSeconds(1));

        protected override void ConfigureServices(IServiceCollection services)
        {
            services.RemoveAll<ISpeechEngine>();
            services.AddSingleton<ISpeechEngine>(Engine);
            services.AddSingleton<ILoggerProvider>(Logs);
            services.RemoveAll<IAudioBookEncoder>();
            services.AddSingleton<IAudioBookEncoder>(Encoder);
            services.Configure<NotificationOptions>(o =>
            {
                o.AllowPrivateWebhooks = true;
                o.WebhookFirstRetryDelay = TimeSpan.FromMilliseconds(200);
                o.WebhookMaxRetryDelay = TimeSpan.FromMilliseconds(500);
            });
        }
    }
}
