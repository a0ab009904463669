using System.ComponentModel;
using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;
using Lector.Blobs;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lector.Testing;

/// <summary>
/// A real S3 endpoint: <c>moto_server</c> on a free loopback port, started for the test class and stopped after it.
/// A missing moto_server fails the tests (it is a test prerequisite, not an optional extra).
/// </summary>
public sealed class MotoServerFixture : Xunit.IAsyncLifetime
{
    public const string Bucket = "lector-tests";

    private Process? _server;

    public string ServiceUrl { get; private set; } = "";

    public int Port { get; private set; }

    /// <summary>moto accepts any credentials; these are static so tests never reach for the machine's real ones.</summary>
    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("testing", "testing");

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("moto_server")
        {
            ArgumentList = { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            _server = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("moto_server is not on PATH. The S3 tests need it: pip install 'moto[server]'.", e);
        }

        // Its output is not needed, but unread pipes would eventually block it.
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();

        Port = port;
        ServiceUrl = $"http://127.0.0.1:{port}";
        await WaitUntilAnsweringAsync();
        using var client = CreateClient();
        await client.PutBucketAsync(Bucket);
    }

    /// <param name="serviceUrl">Another way to the same server (a <see cref="TcpRelay"/>); by default, the server itself.</param>
    public S3BlobStore CreateStore(string prefix = "", bool presign = false, bool serverSideEncryption = true, string? serviceUrl = null) =>
        new(
            new S3BlobStoreOptions
            {
                ServiceUrl = serviceUrl ?? ServiceUrl,
                Bucket = Bucket,
                Prefix = prefix,
                ForcePathStyle = true,
                Presign = presign,
                ServerSideEncryption = serverSideEncryption,
            },
            NullLogger<S3BlobStore>.Instance,
            Credentials);

    /// <summary>A raw client, to look at what the store wrote from the outside.</summary>
    public AmazonS3Client CreateClient() =>
        new(Credentials, new AmazonS3Config { ServiceURL = ServiceUrl, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    public Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit(10_000);
        }

        _server?.Dispose();
        return Task.CompletedTask;
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_server!.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited at start-up with code {_server.ExitCode}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"{ServiceUrl}/moto-api/"));
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
