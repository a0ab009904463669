using System.Net;
using System.Text;
using Lector.Abstractions.Blobs;
using Lector.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Lector.WebFront.Tests.Security;

public sealed class SecretLeakTests
{
    private const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    private const string Password = "hunter2-but-longer";

    [Fact]
    public async Task A_secret_in_an_exception_reaches_neither_the_response_nor_any_log_line()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = await LectorApp.StartAsync(builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Services.RemoveAll<IBlobStore>();
            builder.Services.AddSingleton<IBlobStore>(new FailingBlobStore());
        });
        var user = await ApiUser.CreateAsync(app);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("Some text.")), "file", "notes.txt" } };

        var response = await user.Bearer.PostAsync("/api/documents", form);

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.InternalServerError, "internal_error");
        var body = problem.GetRawText();
        Assert.DoesNotContain(AccessKey, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, body, StringComparison.Ordinal);
        Assert.DoesNotContain("FailingBlobStore", body, StringComparison.Ordinal);
        var logged = string.Join('\n', logs.Lines);
        Assert.Contains("Unhandled error on POST /api/documents", logged, StringComparison.Ordinal);
        Assert.Contains("FailingBlobStore", logged, StringComparison.Ordinal);
        Assert.DoesNotContain(AccessKey, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, logged, StringComparison.Ordinal);
    }

    /// <summary>A blob store whose failure message carries credentials, as a careless SDK might.</summary>
    private sealed class FailingBlobStore : IBlobStore
    {
        public Task PutAsync(string key, Stream content, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException($"Upload refused for key id {AccessKey}; connection Host=db;Password={Password};");

        public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult<Stream?>(null);

        public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult(false);

        public IAsyncEnumerable<BlobInfo> ListAsync(string prefix, string? startAfter = null, CancellationToken cancellationToken = default) => AsyncEnumerable.Empty<BlobInfo>();

        public Task<Uri?> GetReadUrlAsync(string key, string contentType, CancellationToken cancellationToken = default) => Task.FromResult<Uri?>(null);
    }
}
