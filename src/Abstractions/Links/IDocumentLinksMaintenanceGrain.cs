namespace Lector.Abstractions.Links;

/// <summary>The same links as the document grain sees them: no access checks, only the document of the same id calls.</summary>
[Alias("Lector.IDocumentLinksMaintenanceGrain")]
public interface IDocumentLinksMaintenanceGrain : IGrainWithStringKey
{
    /// <summary>The document is being deleted: every link ends. Repeatable, so a resumed delete runs it again.</summary>
    [Alias("RemoveAll")]
    Task RemoveAll();
}
