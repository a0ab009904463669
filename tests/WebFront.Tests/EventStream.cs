using System.Net.Http.Headers;
using System.Text.Json;

namespace Lector.WebFront.Tests;

/// <summary>A server-sent events client: reads the stream line by line and parses each event's id, type and JSON data.</summary>
public sealed class EventStream : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private EventStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public sealed record ServerEvent(long? Id, string Type, JsonElement Data);

    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    public List<ServerEvent> Received { get; } = [];

    public static async Task<EventStream> OpenAsync(HttpClient client, string path, long? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is { } last)
        {
            request.Headers.Add("Last-Event-ID", last.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>Reads events until one matches; every event read is kept in <see cref="Received"/>.</summary>
    public async Task<ServerEvent> NextAsync(Func<ServerEvent, bool> match)
    {
        while (true)
        {
            var next = await ReadEventAsync();
            Received.Add(next);
            if (match(next))
            {
                return next;
            }
        }
    }

    /// <summary>Reads until the server ends the stream; fails when it is still open after <paramref name="deadline"/>.</summary>
    public async Task EndsWithinAsync(TimeSpan deadline)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_timeout.Token);
        timeout.CancelAfter(deadline);
        try
        {
            while (await _reader.ReadLineAsync(timeout.Token) is not null)
            {
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The event stream was still open {deadline.TotalSeconds:0} s later.");
        }
    }

    private async Task<ServerEvent> ReadEventAsync()
    {
        long? id = null;
        string? type = null;
        var data = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(_timeout.Token) ?? throw new EndOfStreamException("The event stream ended.");
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    return new ServerEvent(id, type ?? "message", JsonSerializer.Deserialize<JsonElement>(string.Join('\n', data)));
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                continue;
            }

            var (field, value) = line.IndexOf(':') is var colon and >= 0
                ? (line[..colon], line[(colon + 1)..].TrimStart(' '))
                : (line, "");
            switch (field)
            {
                case "id":
                    id = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case "event":
                    type = value;
                    break;
                case "data":
                    data.Add(value);
                    break;
            }
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
        _timeout.Dispose();
    }
}
