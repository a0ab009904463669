using Lector.Abstractions.Audio;

namespace Lector.Abstractions.Exports;

/// <summary>
/// The whole-document audio file of one document in one voice and format, keyed by <see cref="ExportKey.GrainKey"/>,
/// as callers see it: every method checks the caller's access. Asking for it makes the pages' audio that is missing
/// (through the document's audio job), then encodes the pages, in order and with the document's chapters, into one
/// file in the blob store. The same grain answers <see cref="IExportMaintenanceGrain"/> for the system's own grains.
/// </summary>
[Alias("Lector.IExportGrain")]
public interface IExportGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts a build (collaborators and up: it may synthesize pages), or answers the export as it is when it is
    /// being built or is completed and current; a failed or stale export is built again.
    /// </summary>
    [Alias("Create")]
    Task<ExportRequestResult> Create(string callerId);

    [Alias("Get")]
    Task<ExportView> Get(string callerId);

    /// <summary>Where the completed file's bytes are; <c>export.not_ready</c> before that.</summary>
    [Alias("OpenContent")]
    Task<AudioContent> OpenContent(string callerId);

    /// <summary>Removes the export and its file: the document's owner, or whoever asked for the current build.</summary>
    [Alias("Delete")]
    Task Delete(string callerId);
}
