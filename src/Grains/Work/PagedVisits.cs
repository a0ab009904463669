namespace Lector.Grains.Work;

/// <summary>Walks a keyset-paged query to its end, visiting what each page lists a few at a time.</summary>
internal static class PagedVisits
{
    /// <summary>
    /// Asks <paramref name="page"/> for up to <paramref name="pageSize"/> items after the last one seen (null: from
    /// the start), visits them with up to <paramref name="atOnce"/> in flight, and stops at a short page; returns how
    /// many were visited. A visit that ends starts the next at once: one slow visit holds up one lane, not a batch.
    /// </summary>
    public static async Task<int> VisitAllAsync<T>(Func<T?, int, Task<IReadOnlyList<T>>> page, int pageSize, int atOnce, Func<T, Task> visit)
        where T : class
    {
        var visited = 0;
        T? after = null;
        while (true)
        {
            var items = await page(after, pageSize);
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, Math.Min(atOnce, items.Count)).Select(async _ =>
            {
                for (var i = Interlocked.Increment(ref next); i < items.Count; i = Interlocked.Increment(ref next))
                {
                    await visit(items[i]);
                }
            }));

            visited += items.Count;
            if (items.Count < pageSize)
            {
                return visited;
            }

            after = items[^1];
        }
    }
}
