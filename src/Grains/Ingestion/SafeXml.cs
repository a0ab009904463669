using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Lector.Grains.Ingestion;

/// <summary>XML loading with DTD processing off: no entity expansion (billion laughs) and no external entities (XXE).</summary>
internal static class SafeXml
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    public static XDocument Load(byte[] xml)
    {
        RefuseDeclarations(xml, allowHtmlDoctype: false);
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), Settings);
            return XDocument.Load(reader);
        }
        catch (XmlException)
        {
            throw UploadErrors.Refuse(UploadErrors.Malformed);
        }
    }

    /// <summary>
    /// Refuses entity declarations; and document type declarations unless <paramref name="allowHtmlDoctype"/>, for
    /// XHTML, whose <c>&lt;!DOCTYPE html&gt;</c> is harmless to an HTML parser that never expands entities.
    /// </summary>
    public static void RefuseDeclarations(byte[] xml, bool allowHtmlDoctype)
    {
        var text = Encoding.UTF8.GetString(xml);
        if (text.Contains("<!ENTITY", StringComparison.OrdinalIgnoreCase)
            || (!allowHtmlDoctype && text.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase)))
        {
            throw UploadErrors.Refuse(UploadErrors.UnsafeXml);
        }
    }
}
