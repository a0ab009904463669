using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Lector.WebFront.Tests.Security;

/// <summary>Bodies that cannot be read as their Content-Type says are the client's error: 4xx problem+json with a stable code, never a 500, nothing stored.</summary>
[Collection(AppCollection.Name)]
public sealed class MalformedBodyTests(LectorAppFixture fixture)
{
    private const string Boundary = "lector-test-boundary";

    public static TheoryData<string, string> BrokenMultipartBodies => new()
    {
        { "cut off in a file", $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello wor" },
        { "no closing boundary", $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello world\r\n" },
        { "cut off in a part's headers", $"--{Boundary}\r\nContent-Disposition: form-da" },
        { "plain garbage", "this is not a multipart body at all" },
    };

    [Theory]
    [MemberData(nameof(BrokenMultipartBodies))]
    public async Task A_broken_multipart_upload_is_a_400_and_nothing_is_stored(string shape, string body)
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");

        var response = await user.Bearer.PostAsync("/api/documents", content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{shape}: {(int)response.StatusCode}");
        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "request.malformed_body");
        Assert.Equal(0, (await user.Bearer.GetFromJsonAsync<JsonElement>("/api/documents")).GetProperty("totalItems").GetInt32());
    }

    [Theory]
    [InlineData("/api/auth/register")]
    [InlineData("/api/documents")]
    [InlineData("/api/tokens")]
    [InlineData("/api/documents/00000000000000000000000000000000/pages/1/audio")]
    public async Task Broken_json_is_a_400_with_its_own_code(string path)
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        foreach (var json in new[] { "{\"title\":", "[1, 2", "null", "{\"name\": 5, \"voice\": 5, \"email\": 5, \"text\": 5}" })
        {
            var response = await user.Bearer.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

            await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest, "request.malformed_body");
        }
    }

    [Theory]
    [InlineData("/api/auth/register")]
    [InlineData("/api/tokens")]
    [InlineData("/api/documents/00000000000000000000000000000000/pages/1/audio")]
    [InlineData("/api/documents/00000000000000000000000000000000/audio")]
    public async Task A_json_endpoint_refuses_other_content_types_with_415_problem(string path)
    {
        var user = await ApiUser.CreateAsync(fixture.App);
        using var form = new MultipartFormDataContent { { new StringContent("x"), "name" } };

        await ProblemAssert.IsProblem(await user.Bearer.PostAsync(path, new StringContent("{\"name\":\"x\"}", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type");
        await ProblemAssert.IsProblem(await user.Bearer.PostAsync(path, form), HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type");
        using var unknownCharset = new ByteArrayContent("{\"name\":\"x\"}"u8.ToArray());
        unknownCharset.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=no-such-charset");
        await ProblemAssert.IsProblem(await user.Bearer.PostAsync(path, unknownCharset), HttpStatusCode.UnsupportedMediaType, "request.unsupported_media_type");
    }

    [Theory]
    [InlineData("/api/auth/register")]
    [InlineData("/api/auth/login")]
    public async Task A_body_over_the_server_limit_is_a_413_problem(string path)
    {
        // Declared, not sent: the server refuses from the Content-Length before reading a byte of the body.
        var response = await RawHttp.SendAsync(fixture.App.BaseAddress, $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {1L << 32}\r\n\r\n{{");

        Assert.StartsWith("HTTP/1.1 413 ", response.StatusLine, StringComparison.Ordinal);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal("request.too_large", JsonDocument.Parse(response.Body).RootElement.GetProperty("code").GetString());
    }
}

/// <summary>One request written by hand on a socket, for what HttpClient will not send; reads the answer until the server closes or it is complete.</summary>
internal static class RawHttp
{
    public sealed record Answer(string StatusLine, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public string? ContentType => Headers.TryGetValue("content-type", out var value) ? value.Split(';')[0].Trim() : null;
    }

    public static async Task<Answer> SendAsync(Uri baseAddress, string request)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);

        var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            received.Write(buffer, 0, read);
            if (Parse(Encoding.UTF8.GetString(received.ToArray())) is { } complete)
            {
                return complete;
            }
        }

        return Parse(Encoding.UTF8.GetString(received.ToArray())) ?? throw new InvalidDataException("The server closed the connection before a whole answer.");
    }

    /// <summary>The answer when its head and Content-Length body (or chunked body) are all there, else null.</summary>
    private static Answer? Parse(string text)
    {
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headEnd < 0)
        {
            return null;
        }

        var lines = text[..headEnd].Split("\r\n");
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim());
        var body = text[(headEnd + 4)..];
        if (headers.TryGetValue("content-length", out var length))
        {
            return body.Length >= int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) ? new Answer(lines[0], headers, body) : null;
        }

        if (headers.TryGetValue("transfer-encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            return body.EndsWith("0\r\n\r\n", StringComparison.Ordinal) ? new Answer(lines[0], headers, Dechunk(body)) : null;
        }

        return null;
    }

    private static string Dechunk(string body)
    {
        var result = new StringBuilder();
        var position = 0;
        while (true)
        {
            var lineEnd = body.IndexOf("\r\n", position, StringComparison.Ordinal);
            var size = Convert.ToInt32(body[position..lineEnd].Split(';')[0], 16);
            if (size == 0)
            {
                return result.ToString();
            }

            result.Append(body, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
    }
}
