using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Lector.Grains.Storage;

/// <summary>The same SQL serves SQLite and PostgreSQL: flags are 0/1 integers and keys compare byte by byte in both.</summary>
public sealed class SqlAudioRecords(GrainStateDatabase database, IOptions<ClusterOptions> cluster) : IAudioRecords
{
    private const string Live = "Deleted = 0";

    private readonly string _serviceId = cluster.Value.ServiceId;

    public async Task<IReadOnlyList<string>> VoicesOnPageAsync(string documentId, int page, CancellationToken cancellationToken = default)
    {
        var prefix = $"{documentId}/{page.ToString(CultureInfo.InvariantCulture)}/";
        var keys = await KeysAsync(
            $"SELECT GrainKey FROM LectorAudio WHERE ServiceId = @service AND GrainKey >= @from AND GrainKey < @to AND {Live} ORDER BY GrainKey;",
            command => AddPrefixRange(command, prefix),
            cancellationToken);
        return [.. keys.Select(k => k[prefix.Length..])];
    }

    public async Task<IReadOnlyDictionary<int, int>> AudioCountsAsync(string documentId, CancellationToken cancellationToken = default)
    {
        var prefix = $"{documentId}/";
        var keys = await KeysAsync(
            $"SELECT GrainKey FROM LectorAudio WHERE ServiceId = @service AND GrainKey >= @from AND GrainKey < @to AND {Live};",
            command => AddPrefixRange(command, prefix),
            cancellationToken);
        return keys
            .Select(k => int.Parse(k.AsSpan(prefix.Length, k.IndexOf('/', prefix.Length) - prefix.Length), CultureInfo.InvariantCulture))
            .GroupBy(page => page)
            .ToDictionary(g => g.Key, g => g.Count());
    }

    public Task<IReadOnlyList<string>> UnfinishedAsync(string? after, int limit, CancellationToken cancellationToken = default) =>
        KeysAsync(
            """
            SELECT GrainKey FROM LectorAudio
             WHERE ServiceId = @service AND GrainKey > @after
               AND Unfinished = 1
             ORDER BY GrainKey LIMIT @limit;
            """,
            command => AddPage(command, after, limit),
            cancellationToken);

    public Task<IReadOnlyList<RetentionCandidate>> DueForRetentionAsync(
        RetentionDue due, DateTimeOffset clockBefore, RetentionCandidate? after, int limit, CancellationToken cancellationToken = default)
    {
        static RetentionCandidate Candidate(DbDataReader reader) => new(reader.GetString(0), reader.GetInt64(1));
        if (due == RetentionDue.ExpiredKept)
        {
            return ReadAsync(
                """
                SELECT GrainKey, ClockStartMs FROM LectorAudio
                 WHERE ServiceId = @service AND Status = 'Completed' AND Deleted = 0 AND Expired = 1 AND GrainKey > @after
                 ORDER BY GrainKey LIMIT @limit;
                """,
                command => AddPage(command, after?.GrainKey, limit),
                Candidate,
                cancellationToken);
        }

        return ReadAsync(
            """
            SELECT GrainKey, ClockStartMs FROM LectorAudio
             WHERE ServiceId = @service AND Status = 'Completed' AND Deleted = 0 AND Expired = 0 AND Warned = @warned
               AND ClockStartMs <= @clockBefore AND (ClockStartMs, GrainKey) > (@afterClock, @after)
             ORDER BY ClockStartMs, GrainKey LIMIT @limit;
            """,
            command =>
            {
                command.AddParameter("warned", due == RetentionDue.Expiry ? 1 : 0);
                command.AddParameter("clockBefore", clockBefore.ToUnixTimeMilliseconds());
                command.AddParameter("afterClock", after?.ClockStartMs ?? long.MinValue);
                AddPage(command, after?.GrainKey, limit);
            },
            Candidate,
            cancellationToken);
    }

    public async Task<IReadOnlySet<string>> ReferencedAsync(IReadOnlyCollection<string> blobKeys, CancellationToken cancellationToken = default)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in blobKeys.Chunk(200))
        {
            var names = string.Join(", ", batch.Select((_, i) => $"@k{i}"));
            var keys = await KeysAsync(
                $"""
                SELECT BlobKey FROM LectorAudio WHERE BlobKey IN ({names}) AND ServiceId = @service
                UNION SELECT MarksBlobKey FROM LectorAudio WHERE MarksBlobKey IN ({names}) AND ServiceId = @service;
                """,
                command =>
                {
                    for (var i = 0; i < batch.Length; i++)
                    {
                        command.AddParameter($"k{i}", batch[i]);
                    }
                },
                cancellationToken);
            referenced.UnionWith(keys);
        }

        return referenced;
    }

    public Task<IReadOnlyList<(string GrainKey, string BlobKey)>> CompletedAsync(string? after, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync(
            """
            SELECT GrainKey, BlobKey FROM LectorAudio
             WHERE ServiceId = @service AND GrainKey > @after AND Status = 'Completed' AND Deleted = 0 AND BlobKey IS NOT NULL
             ORDER BY GrainKey LIMIT @limit;
            """,
            command => AddPage(command, after, limit),
            reader => (reader.GetString(0), reader.GetString(1)),
            cancellationToken);

    private Task<IReadOnlyList<string>> KeysAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken) =>
        ReadAsync(sql, bind, reader => reader.GetString(0), cancellationToken);

    /// <summary>Runs <paramref name="sql"/> (which names <c>@service</c>) on a connection of its own and reads every row.</summary>
    private async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, Action<DbCommand> bind, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.AddParameter("service", _serviceId);
        bind(command);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Keys that start with <paramref name="prefix"/>, which ends in '/': from it up to the same text ending in '0', the next character.</summary>
    private static void AddPrefixRange(DbCommand command, string prefix)
    {
        command.AddParameter("from", prefix);
        command.AddParameter("to", string.Concat(prefix.AsSpan(0, prefix.Length - 1), "0"));
    }

    private static void AddPage(DbCommand command, string? after, int limit)
    {
        command.AddParameter("after", after ?? "");
        command.AddParameter("limit", limit);
    }
}
