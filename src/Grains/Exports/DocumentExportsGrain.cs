using Lector.Abstractions;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Exports;
using Microsoft.Extensions.Options;

namespace Lector.Grains.Exports;

public sealed class DocumentExportsState
{
    /// <summary>Export grain keys; at most <see cref="ExportOptions.MaxPerDocument"/>.</summary>
    public List<string> Exports { get; set; } = [];
}

/// <summary>
/// Which exports a document has, so they can be listed and purged with it. An export is listed before its first write,
/// so the list never misses one; an entry whose export was never written lists nothing.
/// </summary>
public sealed class DocumentExportsGrain(
    [PersistentState("documentExports")] IPersistentState<DocumentExportsState> state,
    IOptions<ExportOptions> options) : Grain, IDocumentExportsGrain, IDocumentExportsMaintenanceGrain
{
    private List<string> Exports => state.State.Exports;

    public async Task<IReadOnlyList<ExportView>> List(string callerId)
    {
        await GrainFactory.Grain<IDocumentGrain>(this.GetPrimaryKeyString()).Authorize(callerId, Permission.View);
        var views = await Task.WhenAll(Exports.Select(key => Export(key).Peek()));
        return [.. views.OfType<ExportView>().OrderByDescending(v => v.CreatedAt)];
    }

    public async Task<bool> Track(string exportKey)
    {
        if (Exports.Contains(exportKey))
        {
            return true;
        }

        if (Exports.Count >= options.Value.MaxPerDocument)
        {
            return false;
        }

        Exports.Add(exportKey);
        await state.WriteStateAsync();
        return true;
    }

    public async Task Forget(string exportKey)
    {
        if (Exports.Remove(exportKey))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task Purge()
    {
        await Task.WhenAll(Exports.Select(key => Export(key).Purge()));
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        DeactivateOnIdle();
    }

    private IExportMaintenanceGrain Export(string exportKey) => GrainFactory.Grain<IExportMaintenanceGrain>(exportKey);
}
