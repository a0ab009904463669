using System.Text.Json;
using Lector.Abstractions;
using Lector.Abstractions.Documents;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Lector.WebFront.Caching;

/// <summary>
/// The library pages this front answered lately, as the JSON it sent, each with the library version it shows. A
/// listing still asks the user's library grain every time (so a change made through any front shows at once), but
/// when the grain says the version is unchanged the front sends the bytes it has: profiling put the JSON of a
/// 50-document page at about a third of a listing's cost, for an answer that changes far less often than it is read.
/// </summary>
public sealed class LibraryPageCache : IDisposable
{
    /// <summary>Bounds the memory the pages take on this front (their bytes); the least used go first past it.</summary>
    private const long MaxBytes = 64 * 1024 * 1024;

    /// <summary>A page nobody read for this long goes, so a user who left costs nothing.</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = MaxBytes });
    private readonly JsonSerializerOptions _json;

    public LibraryPageCache(IOptions<JsonOptions> json) => _json = json.Value.SerializerOptions;

    /// <summary>The page's JSON, current as of the grain's answer to this call.</summary>
    public async Task<byte[]> GetAsync(ILibraryGrain library, string userId, PageRequest paging, LibraryQuery query)
    {
        var key = (userId, paging.Page, paging.PageSize, query.Search, query.Sort);
        var kept = _pages.Get<KeptPage>(key);
        var answer = await library.ListIfChanged(paging, query, kept?.Version);
        if (answer.Page is null && kept is not null)
        {
            return kept.Json;
        }

        var page = new KeptPage(answer.Version, JsonSerializer.SerializeToUtf8Bytes(answer.Page, _json));
        _pages.Set(key, page, new MemoryCacheEntryOptions { Size = page.Json.Length, SlidingExpiration = Idle });
        return page.Json;
    }

    public void Dispose() => _pages.Dispose();

    private sealed record KeptPage(string Version, byte[] Json);
}
