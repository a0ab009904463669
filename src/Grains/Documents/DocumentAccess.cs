using Lector.Abstractions;
using Lector.Abstractions.Documents;

namespace Lector.Grains.Documents;

/// <summary>The answer to a caller whose permission on a document falls short, wherever it is checked.</summary>
internal static class DocumentAccess
{
    /// <summary><paramref name="permission"/>, or not-found (never forbidden, so ids cannot be probed) when it is below <paramref name="required"/>.</summary>
    public static Permission Require(Permission permission, Permission required) =>
        permission != Permission.None && permission >= required ? permission : throw LectorException.NotFound("document.not_found");
}
