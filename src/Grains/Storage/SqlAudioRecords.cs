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

    public async Task<IReadOnlyList<RetentionCandidate>> DueForRetentionAsync(
        RetentionDue due, DateTimeOffset clockBefore, RetentionCandidate? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = due == RetentionDue.ExpiredKept
            ? """
              SELECT GrainKey, ClockStartMs FROM LectorAudio
               WHERE ServiceId = @service AND Status = 'Completed' AND Deleted = 0 AND Expired = 1 AND GrainKey > @afterKey
               ORDER BY GrainKey LIMIT @limit;
              """
            : """
              SELECT GrainKey, ClockStartMs FROM LectorAudio
               WHERE ServiceId = @service AND Status = 'Completed' AND Deleted = 0 AND Expired = 0 AND Warned = @warned
                 AND ClockStartMs <= @clockBefore AND (ClockStartMs, GrainKey) > (@afterClock, @afterKey)
               ORDER BY ClockStartMs, GrainKey LIMIT @limit;
              """;
        command.AddParameter("service", _serviceId);
        command.AddParameter("warned", due == RetentionDue.Expiry ? 1 : 0);
        command.AddParameter("clockBefore", clockBefore.ToUnixTimeMilliseconds());
        command.AddParameter("afterClock", after?.ClockStartMs ?? long.MinValue);
        command.AddParameter("afterKey", after?.GrainKey ?? "");
        command.AddParameter("limit", limit);
        var candidates = new List<RetentionCandidate>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            candidates.Add(new RetentionCandidate(reader.GetString(0), reader.GetInt64(1)));
        }

        return candidates;
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

    public async Task<IReadOnlyList<(string GrainKey, string BlobKey)>> CompletedAsync(string? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT GrainKey, BlobKey FROM LectorAudio
             WHERE ServiceId = @service AND GrainKey > @after AND Status = 'Completed' AND Deleted = 0 AND BlobKey IS NOT NULL
             ORDER BY GrainKey LIMIT @limit;
            """;
        command.AddParameter("service", _serviceId);
        AddPage(command, after, limit);
        var rows = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private async Task<IReadOnlyList<string>> KeysAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.AddParameter("service", _serviceId);
        bind(command);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
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
