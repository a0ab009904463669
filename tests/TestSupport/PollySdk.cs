using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Lector.Testing;

/// <summary>
/// What the JavaScript SDK made of an error answer: its error name, the class it raised (the modeled error's own
/// for the errors Polly declares, else the SDK's base class), fault, HTTP status and message.
/// </summary>
public sealed record PollySdkError(string Name, string? Type, string? Fault, int? Status, string Message);

/// <summary>
/// The official AWS SDK for JavaScript's Polly client, run by node (tests/PollySdk/driver.mjs) for the life of a test
/// class and given one operation at a time: the outside reference the Polly fake is held to. Its packages are
/// installed from the committed lock file by <c>./scripts/ensure-deps --test</c> (<c>npm ci</c>).
/// </summary>
public sealed class PollySdk : Xunit.IAsyncLifetime
{
    private static readonly TimeSpan AnswerDeadline = TimeSpan.FromSeconds(60);

    // An input member left null is left out, as a JavaScript caller would leave it undefined.
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly StringBuilder _errors = new();
    private Process? _node;

    public static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "PollySdk");

    public Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(Folder, "node_modules", "@aws-sdk", "client-polly", "package.json")))
        {
            throw new InvalidOperationException($"The AWS SDK for JavaScript is not installed in {Folder}: run ./scripts/ensure-deps --test (npm ci there).");
        }

        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { "driver.mjs" },
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        try
        {
            _node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("node is not on PATH; the Polly SDK tests need Node.js 20 or later.", e);
        }

        _node.ErrorDataReceived += (_, line) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(line.Data);
            }
        };
        _node.BeginErrorReadLine();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs <paramref name="operation"/> with <paramref name="input"/> (serialized as the SDK's input object) against
    /// <paramref name="fake"/>, signed with the given key; answers the SDK's parsed output, or the error it raised.
    /// </summary>
    public async Task<(JsonElement? Output, PollySdkError? Error)> SendAsync(
        PollyFake fake,
        string operation,
        object input,
        string accessKey = PollyFake.AccessKey,
        string secretKey = PollyFake.SecretKey)
    {
        var command = JsonSerializer.Serialize(new
        {
            endpoint = fake.Url.ToString().TrimEnd('/'),
            region = PollyFake.Region,
            accessKeyId = accessKey,
            secretAccessKey = secretKey,
            operation,
            input,
        }, Json);
        await _turn.WaitAsync();
        try
        {
            await _node!.StandardInput.WriteLineAsync(command);
            await _node.StandardInput.FlushAsync();
            using var deadline = new CancellationTokenSource(AnswerDeadline);
            string? line;
            try
            {
                line = await _node.StandardOutput.ReadLineAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                line = null;
            }

            if (line is null)
            {
                throw new InvalidOperationException($"The SDK driver gave no answer to {operation} within {AnswerDeadline.TotalSeconds:0} s (exited: {_node.HasExited}). Its errors:\n{Errors}");
            }

            var answer = JsonDocument.Parse(line).RootElement.Clone();
            if (answer.GetProperty("ok").GetBoolean())
            {
                return (answer.GetProperty("output"), null);
            }

            var error = answer.GetProperty("error");
            return (null, new PollySdkError(
                error.GetProperty("name").GetString()!,
                error.GetProperty("type").GetString(),
                error.GetProperty("fault").GetString(),
                error.GetProperty("status").ValueKind == JsonValueKind.Number ? error.GetProperty("status").GetInt32() : null,
                error.GetProperty("message").GetString() ?? ""));
        }
        finally
        {
            _turn.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (_node is null)
        {
            return;
        }

        _node.StandardInput.Close();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _node.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _node.Kill(entireProcessTree: true);
        }

        _node.Dispose();
        _turn.Dispose();
    }

    private string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }
}
