namespace Lector.Abstractions.Exports;

/// <summary>The same list, as the export grains and the document keep it: no access checks.</summary>
[Alias("Lector.IDocumentExportsMaintenanceGrain")]
public interface IDocumentExportsMaintenanceGrain : IGrainWithStringKey
{
    /// <summary>Lists the export (by grain key) before its first write; false when the document already has as many as allowed.</summary>
    [Alias("Track")]
    Task<bool> Track(string exportKey);

    [Alias("Forget")]
    Task Forget(string exportKey);

    /// <summary>The document is going: every export and its file go too.</summary>
    [Alias("Purge")]
    Task Purge();
}
