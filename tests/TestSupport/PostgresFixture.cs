using System.Diagnostics;
using Lector.Grains.Storage;
using Npgsql;

namespace Lector.Testing;

/// <summary>
/// A throwaway PostgreSQL 15 server: <c>initdb</c> into a temp directory, <c>postgres</c> on a free loopback port,
/// trust authentication, killed and deleted after the tests. PostgreSQL refuses to run as root, so under root the
/// server runs as <c>nobody</c>, which owns the data directory.
/// </summary>
public sealed class PostgresFixture : Xunit.IAsyncLifetime
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string User = "lector";

    private readonly TempDirectory _directory = new();
    private readonly bool _durable;
    private Process? _server;
    private int _port;

    public PostgresFixture()
    {
    }

    /// <param name="durable">
    /// Commits wait for fsync, as in production: for measurements. Tests leave it off, since durability is not
    /// what they are about and fsync off keeps them fast on a shared machine.
    /// </param>
    private PostgresFixture(bool durable) => _durable = durable;

    /// <summary>A server whose commits wait for fsync, as in production; xUnit fixtures need one public constructor, so this is a factory.</summary>
    public static PostgresFixture Durable() => new(durable: true);

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "postgres")))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed in {BinDirectory}; the cluster tests need it (apt-get install postgresql-15).");
        }

        var data = DataDirectory;
        Directory.CreateDirectory(data);
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", ["-R", "nobody", _directory.Path]);
        }

        await RunAsync(Path.Combine(BinDirectory, "initdb"), ["-D", data, "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync"], asServerUser: true);
        _port = FreePort.Next();
        StartServer();
        ConnectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = User, Database = "postgres" }.ToString();
        await WaitUntilAnsweringAsync();
    }

    /// <summary>Stops the server as an operator would (a fast shutdown: sessions are ended, the data stays).</summary>
    public async Task StopAsync()
    {
        await RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w"], asServerUser: true);
        await _server!.WaitForExitAsync();
        _server.Dispose();
        _server = null;
    }

    /// <summary>Starts the stopped server again, on the same port and data.</summary>
    public async Task StartAgainAsync()
    {
        StartServer();
        await WaitUntilAnsweringAsync();
    }

    private string DataDirectory => Path.Combine(_directory.Path, "data");

    private void StartServer()
    {
        _server = Process.Start(ServerStart(Path.Combine(BinDirectory, "postgres"),
            ["-D", DataDirectory, "-p", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-c", "listen_addresses=127.0.0.1", "-k", DataDirectory, "-c", $"fsync={(_durable ? "on" : "off")}", "-c", "max_connections=200"]))
            ?? throw new InvalidOperationException("postgres did not start.");
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
    }

    /// <summary>A new, empty database on this server, for a test that starts from nothing.</summary>
    public async Task<PostgresDatabase> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await QueryAsync($"CREATE DATABASE {name}");
        return new PostgresDatabase(new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ToString());
    }

    /// <summary>Runs one query and returns the first column of every row.</summary>
    public async Task<IReadOnlyList<object>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<object>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetValue(0));
        }

        return values;
    }

    /// <summary>
    /// How far the server's write transactions and write-ahead log have come: the next transaction id (ids go only to
    /// transactions that write, and this query takes one) and the WAL position in bytes. Two readings bracket a workload.
    /// </summary>
    public async Task<(long WriteTransactions, long WalBytes)> WriteProgressAsync()
    {
        var transactions = await QueryAsync("SELECT pg_current_xact_id()::text::bigint");
        var wal = await QueryAsync("SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint");
        return ((long)transactions[0], (long)wal[0]);
    }

    public Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit(10_000);
        }

        _server?.Dispose();
        _directory.Dispose();
        return Task.CompletedTask;
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_server!.HasExited)
            {
                throw new InvalidOperationException($"postgres exited at start-up with code {_server.ExitCode}.");
            }

            try
            {
                await QueryAsync("SELECT 1");
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static ProcessStartInfo ServerStart(string executable, IReadOnlyList<string> arguments)
    {
        var start = Environment.IsPrivilegedProcess
            ? new ProcessStartInfo("runuser", ["-u", "nobody", "--", executable, .. arguments])
            : new ProcessStartInfo(executable, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return start;
    }

    private static async Task RunAsync(string executable, IReadOnlyList<string> arguments, bool asServerUser = false)
    {
        using var process = Process.Start(asServerUser ? ServerStart(executable, arguments) : new ProcessStartInfo(executable, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{executable} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} failed with {process.ExitCode}: {await output}{await error}");
        }
    }
}
