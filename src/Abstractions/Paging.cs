namespace Lector.Abstractions;

[GenerateSerializer, Alias("Lector.PageRequest")]
public readonly record struct PageRequest([property: Id(0)] int Page, [property: Id(1)] int PageSize)
{
    public const int MaxPageSize = 100;

    public int Skip => (Page - 1) * PageSize;
}

[GenerateSerializer, Alias("Lector.PagedResult`1")]
public sealed record PagedResult<T>(
    [property: Id(0)] IReadOnlyList<T> Items,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize,
    [property: Id(3)] int TotalItems)
{
    public int TotalPages => TotalItems == 0 ? 0 : (TotalItems + PageSize - 1) / PageSize;

    public static PagedResult<T> From(IReadOnlyCollection<T> all, PageRequest request) =>
        new(all.Skip(request.Skip).Take(request.PageSize).ToList(), request.Page, request.PageSize, all.Count);
}
