using Lector.Abstractions;
using Lector.Abstractions.Documents;

namespace Lector.Grains.Exports;

/// <summary>Why an export failed, with a stable code and a message safe to show.</summary>
internal static class ExportErrors
{
    public static readonly SafeError EncodingFailed = new("export.encoding_failed", "The audio file could not be made.");

    public static readonly SafeError DocumentChanged = new("export.document_changed", "The document kept changing while the file was made; ask for the export again.");

    public static SafeError PagesFailed(int count) =>
        new("export.pages_failed", $"{count} page(s) could not be spoken; retry them, then ask for the export again.");

    /// <summary>A refusal of the grains the build calls, as the export's failure.</summary>
    public static SafeError Of(LectorException e) => e.Code switch
    {
        "document.not_found" => new("export.access_lost", "Whoever asked for the export can no longer use the document, or it is gone."),
        "voice.not_found" => new("voice.not_found", "The voice is no longer available."),
        _ => new(e.Code, "The export could not be built."),
    };
}

/// <summary>A build ends with the export's failure, for a reason safe to show.</summary>
internal sealed class ExportFailedException(SafeError error) : Exception(error.Message)
{
    public SafeError Error { get; } = error;
}
