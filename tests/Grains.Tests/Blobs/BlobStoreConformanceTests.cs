using System.Security.Cryptography;
using Lector.Abstractions.Blobs;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.Grains.Tests.Blobs;

/// <summary>
/// What every <see cref="IBlobStore"/> must do, run against each implementation by a subclass.
/// Each test works under its own key prefix, so tests sharing one store do not see each other.
/// </summary>
public abstract class BlobStoreConformanceTests
{
    private readonly string _root = $"t{Guid.NewGuid():N}";

    protected abstract IBlobStore Store { get; }

    /// <summary>Whether this store, as the subclass configured it, hands out direct read URLs.</summary>
    protected abstract bool HandsOutReadUrls { get; }

    private string Key(string name) => $"{_root}/{name}";

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(256 * 1024)]
    [InlineData(700_001)]
    public async Task Round_trip_is_byte_exact(int size)
    {
        var data = RandomBytes(size, seed: size);
        await Store.PutAsync(Key("object.bin"), new MemoryStream(data));

        Assert.Equal(data, await ReadAllAsync(Key("object.bin")));
    }

    [Fact]
    public async Task A_20_MB_object_streamed_in_without_a_known_length_comes_back_byte_exact()
    {
        var data = RandomBytes(20 * 1024 * 1024 + 12345, seed: 20);
        await Store.PutAsync(Key("large.bin"), new ForwardOnlyStream(data));

        await using var read = await Store.OpenReadAsync(Key("large.bin"));
        Assert.NotNull(read);
        Assert.Equal(data.Length, read.Length);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        int n;
        while ((n = await read.ReadAsync(buffer)) > 0)
        {
            sha.AppendData(buffer, 0, n);
            total += n;
        }

        Assert.Equal(data.Length, total);
        Assert.Equal(SHA256.HashData(data), sha.GetHashAndReset());
    }

    [Fact]
    public async Task Seeking_reads_exactly_the_requested_ranges()
    {
        var data = RandomBytes(1_500_000, seed: 7);
        await Store.PutAsync(Key("ranged.bin"), new MemoryStream(data));
        await using var read = await Store.OpenReadAsync(Key("ranged.bin"));
        Assert.NotNull(read);
        Assert.True(read.CanSeek);
        Assert.Equal(data.Length, read.Length);

        foreach (var (offset, count) in new[] { (1_000_000, 300_000), (0, 10), (data.Length - 100, 100), (400_000, 1), (5, 1_200_000) })
        {
            read.Seek(offset, SeekOrigin.Begin);
            var range = new byte[count];
            await read.ReadExactlyAsync(range);
            Assert.Equal(data.AsSpan(offset, count).ToArray(), range);
            Assert.Equal(offset + count, read.Position);
        }

        read.Seek(-3, SeekOrigin.End);
        var tail = new byte[10];
        Assert.Equal(3, await read.ReadAtLeastAsync(tail, 10, throwOnEndOfStream: false));
        Assert.Equal(data[^3..], tail[..3]);

        read.Position = data.Length + 10;
        Assert.Equal(0, await read.ReadAsync(tail));
    }

    [Fact]
    public async Task A_missing_key_reads_as_absent()
    {
        Assert.Null(await Store.OpenReadAsync(Key("missing.bin")));
        Assert.False(await Store.ExistsAsync(Key("missing.bin")));
        Assert.Null(await Store.OpenReadAsync($"never-{Guid.NewGuid():N}/deep/missing.bin"));
    }

    [Fact]
    public async Task Overwriting_replaces_the_whole_object()
    {
        var first = RandomBytes(500_000, seed: 1);
        var second = RandomBytes(1234, seed: 2);
        await Store.PutAsync(Key("same.bin"), new MemoryStream(first));
        await Store.PutAsync(Key("same.bin"), new MemoryStream(second));

        Assert.Equal(second, await ReadAllAsync(Key("same.bin")));
    }

    [Fact]
    public async Task Delete_removes_the_object_and_may_be_repeated()
    {
        await Store.PutAsync(Key("doomed.bin"), new MemoryStream([1, 2, 3]));
        Assert.True(await Store.ExistsAsync(Key("doomed.bin")));

        await Store.DeleteAsync(Key("doomed.bin"));
        await Store.DeleteAsync(Key("doomed.bin"));
        await Store.DeleteAsync($"never-{Guid.NewGuid():N}/x.bin");

        Assert.False(await Store.ExistsAsync(Key("doomed.bin")));
        Assert.Null(await Store.OpenReadAsync(Key("doomed.bin")));
    }

    [Fact]
    public async Task Listing_returns_exactly_the_objects_under_a_prefix()
    {
        await Store.PutAsync(Key("a/x/1.bin"), new MemoryStream(new byte[11]));
        await Store.PutAsync(Key("a/x/2.bin"), new MemoryStream(new byte[22]));
        await Store.PutAsync(Key("a/xy/3.bin"), new MemoryStream(new byte[33]));
        await Store.PutAsync(Key("b/4.bin"), new MemoryStream(new byte[44]));

        var underX = await ListAsync(Key("a/x/"));
        Assert.Equal([(Key("a/x/1.bin"), 11L), (Key("a/x/2.bin"), 22L)], underX.Select(b => (b.Key, b.Length)).Order());
        Assert.All(underX, b => Assert.True(b.LastModified > DateTimeOffset.UtcNow.AddHours(-1)));

        var startingWithX = await ListAsync(Key("a/x"));
        Assert.Equal([Key("a/x/1.bin"), Key("a/x/2.bin"), Key("a/xy/3.bin")], startingWithX.Select(b => b.Key).Order());
        Assert.Equal(4, (await ListAsync(_root + "/")).Count);
        Assert.Empty(await ListAsync(Key("c/")));
    }

    [Fact]
    public async Task Listing_is_in_key_order_and_resumes_after_any_key()
    {
        // A file sorts before a directory of the same name ("x.bin" < "x/..." as '.' < '/'), and "x/" before "x0".
        string[] names = ["a/x.bin", "a/x/1.bin", "a/x/sub/2.bin", "a/x0/3.bin", "a/xy.bin", "b/4.bin", "b5.bin"];
        foreach (var name in names.Reverse())
        {
            await Store.PutAsync(Key(name), new MemoryStream([1]));
        }

        string[] ordered = [.. names.Select(Key)];
        Assert.Equal(ordered, (await ListAsync(_root + "/")).Select(b => b.Key));
        Assert.Equal(ordered[2..], (await ListAsync(_root + "/", startAfter: Key("a/x/1.bin"))).Select(b => b.Key));
        Assert.Equal(ordered[3..], (await ListAsync(_root + "/", startAfter: Key("a/x/sub/2.bin"))).Select(b => b.Key));

        // Keys that are not stored resume at the next key that is.
        Assert.Equal(ordered[1..], (await ListAsync(_root + "/", startAfter: Key("a/x.bin0"))).Select(b => b.Key));
        Assert.Equal(ordered[5..], (await ListAsync(_root + "/", startAfter: Key("a/z"))).Select(b => b.Key));
        Assert.Equal(ordered[3..5], (await ListAsync(Key("a/x"), startAfter: Key("a/x/sub/2.bin"))).Select(b => b.Key));
        Assert.Equal(ordered, (await ListAsync(_root + "/", startAfter: "0")).Select(b => b.Key));
        Assert.Empty(await ListAsync(_root + "/", startAfter: Key("b5.bin")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../outside.bin")]
    [InlineData("a/../../outside.bin")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b.bin")]
    [InlineData("a/./b.bin")]
    [InlineData(".hidden")]
    [InlineData("a\\b.bin")]
    [InlineData("Upper.bin")]
    [InlineData("a/b.bin/")]
    [InlineData("spa ce.bin")]
    [InlineData("caf\u00e9.bin")]
    public async Task Invalid_keys_are_refused_by_every_operation(string key)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.PutAsync(key, new MemoryStream([1])));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.OpenReadAsync(key));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ExistsAsync(key));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.DeleteAsync(key));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.GetReadUrlAsync(key, "audio/wav"));
    }

    [Fact]
    public async Task Overlong_keys_and_escaping_prefixes_are_refused()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.PutAsync(Key(new string('a', 600)), new MemoryStream([1])));
        Assert.Throws<ArgumentException>(() => Store.ListAsync("../"));
        Assert.Throws<ArgumentException>(() => Store.ListAsync("/"));
    }

    [Fact]
    public async Task Concurrent_writers_to_one_key_leave_one_whole_object()
    {
        // Each writer's payload is distinct throughout, so a mix of two would be detected.
        var payloads = Enumerable.Range(0, 6).Select(i => RandomBytes(400_000 + i * 1000, seed: 100 + i)).ToArray();
        await Task.WhenAll(payloads.Select(p => Task.Run(() => Store.PutAsync(Key("contended.bin"), new MemoryStream(p)))));

        var stored = await ReadAllAsync(Key("contended.bin"));
        Assert.Contains(payloads, p => p.AsSpan().SequenceEqual(stored));
    }

    [Theory]
    [InlineData("bytes=1000-1999", 1000, 1000)]
    [InlineData("bytes=299000-", 299000, 1000)]
    [InlineData("bytes=-500", 299500, 500)]
    [InlineData(null, 0, 300_000)]
    public async Task Content_is_served_over_http_with_range_support(string? range, int offset, int count)
    {
        var data = RandomBytes(300_000, seed: 3);
        await Store.PutAsync(Key("served.wav"), new MemoryStream(data));
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Request.Method = "GET";
        if (range is not null)
        {
            http.Request.Headers.Range = range;
        }

        var body = new MemoryStream();
        http.Response.Body = body;

        // As the web front serves audio: the store's stream with ASP.NET Core's own range processing.
        var stream = await Store.OpenReadAsync(Key("served.wav"));
        Assert.NotNull(stream);
        await Results.Stream(stream, "audio/wav", enableRangeProcessing: true).ExecuteAsync(http);

        Assert.Equal(range is null ? StatusCodes.Status200OK : StatusCodes.Status206PartialContent, http.Response.StatusCode);
        Assert.Equal(data.AsSpan(offset, count).ToArray(), body.ToArray());
        if (range is not null)
        {
            Assert.Equal($"bytes {offset}-{offset + count - 1}/{data.Length}", http.Response.Headers.ContentRange.ToString());
        }
    }

    [Fact]
    public async Task A_read_url_when_offered_serves_the_object()
    {
        var data = RandomBytes(70_000, seed: 9);
        await Store.PutAsync(Key("linked.mp3"), new MemoryStream(data));

        var url = await Store.GetReadUrlAsync(Key("linked.mp3"), "audio/mpeg");

        Assert.Equal(HandsOutReadUrls, url is not null);
        if (url is not null)
        {
            using var http = new HttpClient();
            using var response = await http.GetAsync(url);
            response.EnsureSuccessStatusCode();
            Assert.Equal("audio/mpeg", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
        }
    }

    protected static byte[] RandomBytes(int size, int seed)
    {
        var data = new byte[size];
        new Random(seed).NextBytes(data);
        return data;
    }

    protected async Task<byte[]> ReadAllAsync(string key)
    {
        await using var read = await Store.OpenReadAsync(key);
        Assert.NotNull(read);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        return copy.ToArray();
    }

    private async Task<List<BlobInfo>> ListAsync(string prefix, string? startAfter = null)
    {
        var found = new List<BlobInfo>();
        await foreach (var blob in Store.ListAsync(prefix, startAfter))
        {
            found.Add(blob);
        }

        return found;
    }

    /// <summary>Like a request body: no length, no seeking, short reads.</summary>
    private sealed class ForwardOnlyStream(byte[] data) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 50_000), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
