namespace Lector.Abstractions.Work;

/// <summary>
/// One shard of the durable list of grains with unfinished work. In-memory reminders do not
/// survive a restart, so at start-up every listed grain is asked to <see cref="IResumableGrain.Resume"/>.
/// </summary>
[Alias("Lector.IPendingWorkGrain")]
public interface IPendingWorkGrain : IGrainWithIntegerKey
{
    public const int ShardCount = 8;

    [Alias("Add")]
    Task Add(GrainId grain);

    [Alias("Remove")]
    Task Remove(GrainId grain);

    [Alias("List")]
    Task<IReadOnlyList<GrainId>> List();

    public static long ShardOf(GrainId grain) => (uint)grain.GetUniformHashCode() % ShardCount;
}
