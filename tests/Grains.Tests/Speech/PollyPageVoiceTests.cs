using System.Text.Json;
using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Lector.Grains.Tests.Speech;

/// <summary>
/// One silo configured with <c>Speech:Engines=polly</c>, pointed at the Polly fake with the fake's key, and
/// allowing <see cref="MaxAttempts"/> synthesis attempts per audio (one more than the default).
/// </summary>
public sealed class PollyClusterFixture : IAsyncLifetime
{
    public const int MaxAttempts = 4;

    private readonly TempDirectory _data = new();

    public PollyFake Fake { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public IBlobStore Blobs => Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress).GetRequiredService<IBlobStore>();

    public async Task InitializeAsync()
    {
        Fake = await PollyFake.StartAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["App:DataDirectory"] = _data.Path,
                ["Speech:Engines"] = "polly",
                ["Speech:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Speech:Polly:Region"] = PollyFake.Region,
                ["Speech:Polly:ServiceUrl"] = Fake.Url.ToString(),
            })
            .Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddLectorGrains(configuration);
            PollyFake.UseFakeCredentials(silo.Services);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Fake.DisposeAsync();
        _data.Dispose();
    }
}

public sealed class PollyPageVoiceTests(PollyClusterFixture fixture) : IClassFixture<PollyClusterFixture>
{
    private const string Voice = "polly:Lea:neural";

    [Fact]
    public async Task Throttling_is_retried_and_the_audio_completes_with_its_speech_marks_stored()
    {
        var (owner, documentId, text) = await TestDocuments.CreateAsync(fixture.Client, "Première phrase, déjà lue. Deuxième 😀 phrase ici!");
        fixture.Fake.FailNext(2, 400, "ThrottlingException", outputFormat: "mp3");
        var audio = fixture.Client.GetGrain<IPageVoiceGrain>(new AudioKey(documentId, 1, Voice).GrainKey);

        await audio.Request(owner);
        var done = await TestDocuments.WaitForFinalAsync(audio, owner);

        Assert.Equal(AudioStatus.Completed, done.Status);
        Assert.Equal(3, fixture.Fake.AudioRequests.Count(r => r.Text == text));
        Assert.Equal(1, fixture.Fake.MarkRequests.Count(r => r.Text == text));
        var marksKey = await audio.OpenMarks(owner);
        await using var stream = await fixture.Blobs.OpenReadAsync(marksKey);
        Assert.NotNull(stream);
        using var marks = await JsonDocument.ParseAsync(stream);
        var words = marks.RootElement.EnumerateArray().Where(m => m.GetProperty("type").GetString() == "word").ToList();
        Assert.Equal(text.Split(' ').Length, words.Count);
        Assert.All(words, m => Assert.Equal(
            m.GetProperty("value").GetString(),
            text[m.GetProperty("start").GetInt32()..m.GetProperty("end").GetInt32()]));
        Assert.Contains(words, m => m.GetProperty("value").GetString() == "😀");
    }

    [Fact]
    public async Task Completed_audio_records_the_engine_and_the_characters_polly_billed()
    {
        var (owner, documentId, text) = await TestDocuments.CreateAsync(fixture.Client, "Polly bills these words, marks included.");
        var audio = fixture.Client.GetGrain<IPageVoiceGrain>(new AudioKey(documentId, 1, Voice).GrainKey);

        await audio.Request(owner);
        var done = await TestDocuments.WaitForFinalAsync(audio, owner);

        Assert.Equal(AudioStatus.Completed, done.Status);
        Assert.Equal("polly", done.Engine);
        var billed = fixture.Fake.Requests.Where(r => r.Path == "/v1/speech" && r.Text == text).ToList();
        Assert.Equal(2, billed.Count);
        Assert.Equal(billed.Sum(r => (long)r.BilledCharacters), done.BilledCharacters);
    }

    [Fact]
    public async Task Transient_errors_are_retried_up_to_the_configured_attempts_then_the_audio_fails()
    {
        var (owner, documentId, text) = await TestDocuments.CreateAsync(fixture.Client, "Polly is down for this page.");
        fixture.Fake.FailNext(PollyClusterFixture.MaxAttempts, 503, "ServiceUnavailableException", outputFormat: "mp3");
        var audio = fixture.Client.GetGrain<IPageVoiceGrain>(new AudioKey(documentId, 1, Voice).GrainKey);

        await audio.Request(owner);
        var done = await TestDocuments.WaitForFinalAsync(audio, owner);

        Assert.Equal(AudioStatus.Failed, done.Status);
        Assert.Equal(PollyClusterFixture.MaxAttempts, fixture.Fake.AudioRequests.Count(r => r.Text == text));
    }

    [Fact]
    public async Task A_permanent_provider_error_fails_the_audio_without_retrying()
    {
        var (owner, documentId, text) = await TestDocuments.CreateAsync(fixture.Client, "A page Polly will refuse.");
        fixture.Fake.FailNext(1, 400, "ValidationException", outputFormat: "mp3");
        var audio = fixture.Client.GetGrain<IPageVoiceGrain>(new AudioKey(documentId, 1, Voice).GrainKey);

        await audio.Request(owner);
        var done = await TestDocuments.WaitForFinalAsync(audio, owner);

        Assert.Equal(AudioStatus.Failed, done.Status);
        Assert.Equal("speech.invalid_request", done.Error?.Code);
        Assert.DoesNotContain("secret-bearing", done.Error?.Message, StringComparison.Ordinal);
        Assert.Equal(1, fixture.Fake.AudioRequests.Count(r => r.Text == text));
    }

    [Fact]
    public async Task Audio_whose_marks_were_refused_is_kept_and_has_no_marks()
    {
        var (owner, documentId, _) = await TestDocuments.CreateAsync(fixture.Client, "Audio without marks.");
        fixture.Fake.FailNext(1, 400, "MarksNotSupportedForFormatException", outputFormat: "json");
        var audio = fixture.Client.GetGrain<IPageVoiceGrain>(new AudioKey(documentId, 1, Voice).GrainKey);

        await audio.Request(owner);
        var done = await TestDocuments.WaitForFinalAsync(audio, owner);
        var error = await Assert.ThrowsAsync<LectorException>(() => audio.OpenMarks(owner));

        Assert.Equal(AudioStatus.Completed, done.Status);
        Assert.Equal("audio.no_marks", error.Code);
    }
}
