namespace Lector.Grains.Work;

/// <summary>Walks a keyset-paged query to its end, visiting what each page lists a few at a time.</summary>
internal static class PagedVisits
{
    /// <summary>
    /// Asks <paramref name="page"/> for up to <paramref name="pageSize"/> items after the last one seen (null: from
    /// the start), visits them <paramref name="atOnce"/> at a time, and stops at a short page; returns how many were visited.
    /// </summary>
    public static async Task<int> VisitAllAsync<T>(Func<T?, int, Task<IReadOnlyList<T>>> page, int pageSize, int atOnce, Func<T, Task> visit)
        where T : class
    {
        var visited = 0;
        T? after = null;
        while (true)
        {
            var items = await page(after, pageSize);
            foreach (var batch in items.Chunk(atOnce))
            {
                await Task.WhenAll(batch.Select(visit));
            }

            visited += items.Count;
            if (items.Count < pageSize)
            {
                return visited;
            }

            after = items[^1];
        }
    }
}
