using System.Diagnostics;
using System.Text;

namespace Lector.Testing;

/// <summary>
/// The built Lector host run as its own process, as a user runs it: started, stopped, killed, restarted. The front
/// role (<c>App__Role=front</c>) runs the front's own program, <c>Lector.Front</c>; every other role runs <c>Lector.Silo</c>.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly string _assembly;
    private readonly string? _workingDirectory;
    private readonly Dictionary<string, string> _environment;
    private readonly StringBuilder _output = new();
    private Process? _process;

    /// <param name="program">The built program to run; null: the one the role runs.</param>
    /// <param name="workingDirectory">Where the process starts; null: the program's own directory.</param>
    public HostProcess(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null, string? program = null, string? workingDirectory = null)
    {
        _workingDirectory = workingDirectory;
        var port = FreePort.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        _environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/'),
            ["App__DataDirectory"] = dataDirectory,
            ["Orleans__SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _environment[key] = value;
        }

        _assembly = program ?? (_environment.GetValueOrDefault("App__Role") == "front" ? RepositoryPaths.FrontAssembly : RepositoryPaths.SiloAssembly);
    }

    public Uri BaseAddress { get; }

    /// <summary>The running process's id, for looking at it from outside (its <c>/proc</c> entry).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The host has not been started.");

    /// <summary>CPU time the process has used so far (user and system), for per-request cost measurements.</summary>
    public TimeSpan ProcessorTime => _process is { } process ? process.TotalProcessorTime : TimeSpan.Zero;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async Task StartAsync()
    {
        _process = Launch();
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The host did not become ready:\n{Output}");
    }

    /// <summary>Waits until the host has written <paramref name="text"/> (a log message) to its output; fails after 60 s.</summary>
    public async Task WaitForOutputAsync(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The host did not write \"{text}\" within 60 s:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>For a host that should refuse to start: runs it until it exits (or <paramref name="timeout"/> passes) and returns its exit code.</summary>
    public async Task<int> RunUntilExitAsync(TimeSpan timeout)
    {
        _process = Launch();
        await _process.WaitForExitAsync().WaitAsync(timeout);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    private Process Launch()
    {
        var start = new ProcessStartInfo("dotnet", [_assembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _workingDirectory ?? Path.GetDirectoryName(_assembly)!,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The host did not start.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>SIGTERM, as a service manager stops it.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
