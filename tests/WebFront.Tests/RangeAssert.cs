using System.Net;
using System.Net.Http.Headers;

namespace Lector.WebFront.Tests;

public static class RangeAssert
{
    /// <summary>A ranged GET of the first 100 bytes answers 206 with exactly those bytes of the whole body.</summary>
    public static async Task ServesFirstHundredBytes(HttpClient client, string path, byte[] whole)
    {
        using var ranged = new HttpRequestMessage(HttpMethod.Get, path);
        ranged.Headers.Range = new RangeHeaderValue(0, 99);
        var partial = await client.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(whole.AsSpan(0, 100).ToArray(), await partial.Content.ReadAsByteArrayAsync());
    }
}
