using System.Net.Http.Json;
using Lector.Testing;
using Microsoft.Data.Sqlite;

namespace Lector.Silo.Tests;

/// <summary>The bench's write counter, around the host's real SQLite grain storage: it sees the writes that reach the database.</summary>
public sealed class CountingGrainStorageTests
{
    [Fact]
    public async Task Counts_each_account_write_and_the_largest_state_as_stored()
    {
        var counts = new GrainWriteCounts();
        await using var app = await LectorApp.StartAsync(builder => CountingGrainStorage.Wrap(builder.Services, counts));
        using var client = app.CreateClient();

        var emails = new[] { "counted-1@example.test", "counted-2@example.test" };
        foreach (var email in emails)
        {
            (await client.PostAsJsonAsync("/api/auth/register", new { email, password = "a long enough password" })).EnsureSuccessStatusCode();
        }

        var (rows, largestStored) = await AccountRowsAsync(app.DataDirectory);
        var account = Assert.Single(counts.Snapshot(), s => s.StateName == "account");
        Assert.Equal(emails.Length, rows);
        Assert.InRange(account.Writes, rows, long.MaxValue);
        Assert.Equal(largestStored, account.LargestStateBytes);
        Assert.Equal(counts.Snapshot().Sum(s => s.DurableWrites), counts.TotalDurableWrites);
    }

    private static async Task<(long Rows, long LargestBytes)> AccountRowsAsync(string dataDirectory)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "lector.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MAX(LENGTH(PayloadBinary)) FROM OrleansStorage WHERE GrainTypeString = 'account' AND PayloadBinary IS NOT NULL";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
