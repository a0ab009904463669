using Lector.Abstractions.Audio;
using Lector.Grains.Audio;
using Lector.Grains.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Lector.Grains.Tests.Storage;

/// <summary>
/// The audio table follows every audio state write (the database's trigger), and each question about audio records
/// gets the right answer, on each real database (subclasses). Rows are written as the grain storage writes them: the
/// state as the host's serializer makes it, into the grain state table.
/// </summary>
public abstract class AudioRecordsTests : IAsyncLifetime
{
    private const string Service = "lector";
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);
    private readonly JsonGrainStateSerializer _serializer = new();
    private int _nextHash;

    protected GrainStateDatabase Database { get; private set; } = null!;

    private IAudioRecords Records => RecordsOf(Service);

    public async Task InitializeAsync()
    {
        Database = await CreateEmptyDatabaseAsync();
        await Database.MigrateAsync(CancellationToken.None);
    }

    public abstract Task DisposeAsync();

    protected abstract Task<GrainStateDatabase> CreateEmptyDatabaseAsync();

    [Fact]
    public async Task The_table_follows_an_audio_from_request_to_commit_to_delete()
    {
        var key = new AudioKey("doc1", 1, "local:en-us").GrainKey;
        await InsertAsync(key, new PageVoiceState { Status = AudioStatus.Pending, CreatedAt = Now });
        Assert.Equal([key], await Records.UnfinishedAsync(null, 10));
        Assert.Equal(["local:en-us"], await Records.VoicesOnPageAsync("doc1", 1));

        await UpdateAsync(key, new PageVoiceState { Status = AudioStatus.Completed, CreatedAt = Now, BlobKey = "audio/doc1/1/a.mp3", MarksBlobKey = "audio/doc1/1/a.mp3.marks.json" });
        Assert.Empty(await Records.UnfinishedAsync(null, 10));
        Assert.Equal(new HashSet<string> { "audio/doc1/1/a.mp3", "audio/doc1/1/a.mp3.marks.json" }, await Records.ReferencedAsync(["audio/doc1/1/a.mp3", "audio/doc1/1/a.mp3.marks.json", "audio/doc1/1/orphan.mp3"]));
        Assert.Equal([(key, "audio/doc1/1/a.mp3")], await Records.CompletedAsync(null, 10));

        // A soft delete is written with its blob keys first: unfinished until the blobs are gone, and no slot any more.
        await UpdateAsync(key, new PageVoiceState { Status = AudioStatus.Completed, CreatedAt = Now, BlobKey = "audio/doc1/1/a.mp3", DeletedAt = Now });
        Assert.Equal([key], await Records.UnfinishedAsync(null, 10));
        Assert.Empty(await Records.VoicesOnPageAsync("doc1", 1));
        Assert.Empty(await Records.CompletedAsync(null, 10));

        await UpdateAsync(key, new PageVoiceState { CreatedAt = Now, DeletedAt = Now });
        Assert.Empty(await Records.UnfinishedAsync(null, 10));

        await UpdateAsync(key, null);
        Assert.Empty(await Records.ReferencedAsync(["audio/doc1/1/a.mp3"]));
        Assert.Equal(0, await CountRowsAsync());
    }

    [Fact]
    public async Task Pages_and_voices_are_told_apart_by_their_key_prefix_and_services_do_not_mix()
    {
        await InsertAsync(new AudioKey("doc1", 1, "local:en-us").GrainKey, Completed(Now));
        await InsertAsync(new AudioKey("doc1", 1, "polly:Joanna:standard").GrainKey, Completed(Now));
        await InsertAsync(new AudioKey("doc1", 10, "local:en-us").GrainKey, Completed(Now));
        await InsertAsync(new AudioKey("doc1", 11, "local:fr-fr").GrainKey, Completed(Now));
        await InsertAsync(new AudioKey("doc10", 1, "local:en-us").GrainKey, Completed(Now));
        await InsertAsync(new AudioKey("doc1", 2, "local:en-us").GrainKey, Completed(Now), service: "other");

        Assert.Equal(["local:en-us", "polly:Joanna:standard"], await Records.VoicesOnPageAsync("doc1", 1));
        Assert.Equal(["local:en-us"], await Records.VoicesOnPageAsync("doc1", 10));
        Assert.Equal(new Dictionary<int, int> { [1] = 2, [10] = 1, [11] = 1 }, await Records.AudioCountsAsync("doc1"));
        Assert.Empty(await Records.VoicesOnPageAsync("doc1", 2));
        Assert.Equal(["local:en-us"], await RecordsOf("other").VoicesOnPageAsync("doc1", 2));
    }

    [Fact]
    public async Task Retention_reads_each_due_set_in_clock_order_and_nothing_that_is_not_due()
    {
        await InsertAsync("d/1/unwarned-old", Completed(Now.AddDays(-200)));
        await InsertAsync("d/1/unwarned-older", Completed(Now.AddDays(-300)));
        await InsertAsync("d/1/unwarned-fresh", Completed(Now.AddDays(-10)));
        await InsertAsync("d/1/warned-old", Completed(Now.AddDays(-190), warnedFor: Now.AddDays(-10)));
        await InsertAsync("d/1/warned-in-window", Completed(Now.AddDays(-160), warnedFor: Now.AddDays(20)));
        await InsertAsync("d/1/expired", Completed(Now.AddDays(-400), expired: true));
        await InsertAsync("d/1/played", Completed(Now.AddDays(-400), lastPlayedAt: Now.AddDays(-1)));
        await InsertAsync("d/1/pending", new PageVoiceState { Status = AudioStatus.Pending, CreatedAt = Now.AddDays(-400) });

        var warnBefore = Now.AddDays(-150);
        var expireBefore = Now.AddDays(-180);
        Assert.Equal(["d/1/unwarned-older", "d/1/unwarned-old"], Keys(await Records.DueForRetentionAsync(RetentionDue.Warning, warnBefore, null, 10)));
        Assert.Equal(["d/1/warned-old"], Keys(await Records.DueForRetentionAsync(RetentionDue.Expiry, expireBefore, null, 10)));
        Assert.Equal(["d/1/expired"], Keys(await Records.DueForRetentionAsync(RetentionDue.ExpiredKept, Now, null, 10)));

        var first = await Records.DueForRetentionAsync(RetentionDue.Warning, warnBefore, null, 1);
        Assert.Equal(["d/1/unwarned-old"], Keys(await Records.DueForRetentionAsync(RetentionDue.Warning, warnBefore, first[^1], 1)));
    }

    [Fact]
    public async Task A_database_from_before_the_audio_table_gets_it_filled_from_the_stored_audio_at_start_up()
    {
        await InsertAsync("old/1/local:en-us", Completed(Now));
        await InsertAsync("old/2/local:en-us", new PageVoiceState { Status = AudioStatus.Pending, CreatedAt = Now });

        // As before the script: no rows in the table, and the script not recorded as applied.
        await ExecuteAsync("DELETE FROM LectorAudio;");
        await ExecuteAsync("DELETE FROM LectorSchemaVersion WHERE Version LIKE '%audio-records.sql';");
        Assert.Equal(0, await CountRowsAsync());
        await Database.MigrateAsync(CancellationToken.None);

        Assert.Equal(2, await CountRowsAsync());
        Assert.Equal(["old/2/local:en-us"], await Records.UnfinishedAsync(null, 10));
        Assert.Equal(["local:en-us"], await Records.VoicesOnPageAsync("old", 1));
    }

    private static PageVoiceState Completed(DateTimeOffset createdAt, DateTimeOffset? warnedFor = null, bool expired = false, DateTimeOffset? lastPlayedAt = null) => new()
    {
        Status = AudioStatus.Completed,
        CreatedAt = createdAt,
        BlobKey = $"audio/{Guid.NewGuid():N}.mp3",
        WarnedForExpiry = warnedFor,
        Expired = expired,
        LastPlayedAt = lastPlayedAt,
    };

    private static List<string> Keys(IReadOnlyList<RetentionCandidate> candidates) => [.. candidates.Select(c => c.GrainKey)];

    private IAudioRecords RecordsOf(string service) => new SqlAudioRecords(Database, Options.Create(new ClusterOptions { ServiceId = service }));

    /// <summary>A first write, as the grain storage makes it (version 1).</summary>
    private async Task InsertAsync(string grainKey, PageVoiceState state, string service = Service) =>
        await ExecuteAsync(
            """
            INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
            VALUES (@hash, 0, 0, 7, 'audio', @key, @service, @payload, CURRENT_TIMESTAMP, 1);
            """,
            ("hash", Interlocked.Increment(ref _nextHash)), ("key", grainKey), ("service", service), ("payload", _serializer.Serialize(state).ToArray()));

    /// <summary>A later write; null clears the state, as ClearStateAsync does.</summary>
    private async Task UpdateAsync(string grainKey, PageVoiceState? state) =>
        await ExecuteAsync(
            "UPDATE OrleansStorage SET PayloadBinary = @payload, Version = Version + 1 WHERE GrainIdExtensionString = @key AND ServiceId = @service;",
            ("key", grainKey), ("service", Service), ("payload", state is null ? null : _serializer.Serialize(state).ToArray()));

    private async Task ExecuteAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.AddParameter(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountRowsAsync()
    {
        await using var connection = await Database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM LectorAudio;";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class SqliteAudioRecordsTests : AudioRecordsTests
{
    private readonly TempSqliteDatabase _sqlite = new();

    public override Task DisposeAsync()
    {
        _sqlite.Dispose();
        return Task.CompletedTask;
    }

    protected override Task<GrainStateDatabase> CreateEmptyDatabaseAsync() => Task.FromResult<GrainStateDatabase>(_sqlite.Database);
}

/// <summary>One server for the class; each test gets its own database on it.</summary>
public sealed class PostgresAudioRecordsTests(PostgresFixture postgres) : AudioRecordsTests, IClassFixture<PostgresFixture>
{
    public override Task DisposeAsync() => Task.CompletedTask;

    protected override async Task<GrainStateDatabase> CreateEmptyDatabaseAsync() => await postgres.CreateDatabaseAsync();
}
