using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Geometry;
using UglyToad.PdfPig.Graphics;
using UglyToad.PdfPig.Graphics.Operations;
using UglyToad.PdfPig.Outline.Destinations;
using UglyToad.PdfPig.Parser;
using UglyToad.PdfPig.PdfFonts;
using UglyToad.PdfPig.Tokenization.Scanner;
using UglyToad.PdfPig.Tokens;

namespace Lector.Grains.Ingestion;

/// <summary>
/// A glyph drawn on a page: its text, where its baseline starts and ends (in user space), its size in points and
/// whether its font is bold; <see cref="Artifact"/> when it is drawn inside an <c>/Artifact</c> marked-content
/// sequence, which tagged PDFs use for what is not content (running headers and footers, page numbers, watermarks).
/// </summary>
internal readonly record struct PdfGlyph(string Value, PdfPoint Start, PdfPoint End, double Size, bool Bold, bool Artifact);

/// <summary>A page's glyphs in the order the page draws them, and the page's visible area.</summary>
internal sealed record PdfGlyphPage(IReadOnlyList<PdfGlyph> Glyphs, PdfRectangle Bounds);

/// <summary>
/// Makes <see cref="PdfGlyphPage"/>s: PdfPig's page parsing with a content-stream processor that keeps only what
/// reading needs. PdfPig's own page builds a letter object with three transformed boxes, colours and fonts for every
/// glyph, and the paths and images besides; that was most of the cost of reading a long PDF.
/// Registered on a document with <c>AddPageFactory&lt;PdfGlyphPage, PdfGlyphPageFactory&gt;()</c>, which calls this
/// constructor.
/// </summary>
internal sealed class PdfGlyphPageFactory(
    IPdfTokenScanner pdfScanner,
    IResourceStore resourceStore,
    ILookupFilterProvider filterProvider,
    IPageContentParser pageContentParser,
    ParsingOptions parsingOptions)
    : BasePageFactory<PdfGlyphPage>(pdfScanner, resourceStore, filterProvider, pageContentParser, parsingOptions)
{
    protected override PdfGlyphPage ProcessPage(
        int pageNumber,
        DictionaryToken dictionary,
        NamedDestinations namedDestinations,
        MediaBox mediaBox,
        CropBox cropBox,
        UserSpaceUnit userSpaceUnit,
        PageRotationDegrees rotation,
        TransformationMatrix initialMatrix,
        IReadOnlyList<IGraphicsStateOperation> operations)
    {
        if (operations is null || operations.Count == 0)
        {
            return new PdfGlyphPage([], cropBox.Bounds);
        }

        var reader = new PdfGlyphReader(pageNumber, ResourceStore, PdfScanner, PageContentParser, FilterProvider, cropBox, userSpaceUnit, rotation, initialMatrix, ParsingOptions);
        return new PdfGlyphPage(reader.Process(pageNumber, operations), cropBox.Bounds);
    }
}

/// <summary>Runs a page's content stream and records its glyphs; paths, clipping, shading and images are ignored.</summary>
internal sealed class PdfGlyphReader(
    int pageNumber,
    IResourceStore resourceStore,
    IPdfTokenScanner pdfScanner,
    IPageContentParser pageContentParser,
    ILookupFilterProvider filterProvider,
    CropBox cropBox,
    UserSpaceUnit userSpaceUnit,
    PageRotationDegrees rotation,
    TransformationMatrix initialMatrix,
    ParsingOptions parsingOptions)
    : BaseStreamProcessor<List<PdfGlyph>>(pageNumber, resourceStore, pdfScanner, pageContentParser, filterProvider, cropBox, userSpaceUnit, rotation, initialMatrix, parsingOptions)
{
    private static readonly NameToken Artifact = NameToken.Create("Artifact");

    private readonly List<PdfGlyph> _glyphs = [];

    /// <summary>For each open marked-content sequence, whether it is an artifact.</summary>
    private readonly Stack<bool> _markedContent = new();

    private int _artifactDepth;
    private IFont? _font;
    private bool _fontBold;

    public override List<PdfGlyph> Process(int pageNumberCurrent, IReadOnlyList<IGraphicsStateOperation> operations)
    {
        CloneAllStates();
        ProcessOperations(operations);
        return _glyphs;
    }

    public override void RenderGlyph(
        IFont font,
        CurrentGraphicsState currentState,
        double fontSize,
        double pointSize,
        int code,
        string unicode,
        long currentOffset,
        in TransformationMatrix renderingMatrix,
        in TransformationMatrix textMatrix,
        in TransformationMatrix transformationMatrix,
        CharacterBoundingBox characterBoundingBox)
    {
        if (!ReferenceEquals(font, _font))
        {
            _font = font;
            _fontBold = font.Details?.IsBold == true || IsBoldName(font.Name?.Data);
        }

        var matrix = renderingMatrix.Multiply(textMatrix).Multiply(transformationMatrix);
        _glyphs.Add(new PdfGlyph(
            unicode,
            matrix.Transform(new PdfPoint(0, 0)),
            matrix.Transform(new PdfPoint(characterBoundingBox.Width, 0)),
            pointSize,
            _fontBold,
            _artifactDepth > 0));
    }

    public override void BeginMarkedContent(NameToken name, NameToken? propertyDictionaryName, DictionaryToken? properties)
    {
        var artifact = name.Equals(Artifact);
        _markedContent.Push(artifact);
        if (artifact)
        {
            _artifactDepth++;
        }
    }

    public override void EndMarkedContent()
    {
        if (_markedContent.TryPop(out var artifact) && artifact)
        {
            _artifactDepth--;
        }
    }

    /// <summary>Weight in the font's name, for fonts whose descriptor does not say: "Arial-BoldMT", "CMBX10" (Computer Modern bold extended).</summary>
    private static bool IsBoldName(string? name)
    {
        if (name is null)
        {
            return false;
        }

        var plus = name.IndexOf('+', StringComparison.Ordinal);
        var baseName = plus >= 0 ? name.AsSpan(plus + 1) : name.AsSpan();
        return baseName.Contains("Bold", StringComparison.OrdinalIgnoreCase) || baseName.Contains("Black", StringComparison.OrdinalIgnoreCase)
            || baseName.Contains("Heavy", StringComparison.OrdinalIgnoreCase) || baseName.StartsWith("CMBX", StringComparison.Ordinal);
    }

    protected override void RenderXObjectImage(XObjectContentRecord xObjectContentRecord)
    {
    }

    protected override void RenderInlineImage(InlineImage inlineImage)
    {
    }

    public override void BeginSubpath()
    {
    }

    public override PdfPoint? CloseSubpath() => null;

    public override void StrokePath(bool close)
    {
    }

    public override void FillPath(FillingRule fillingRule, bool close)
    {
    }

    public override void FillStrokePath(FillingRule fillingRule, bool close)
    {
    }

    public override void MoveTo(double x, double y)
    {
    }

    public override void BezierCurveTo(double x2, double y2, double x3, double y3)
    {
    }

    public override void BezierCurveTo(double x1, double y1, double x2, double y2, double x3, double y3)
    {
    }

    public override void LineTo(double x, double y)
    {
    }

    public override void Rectangle(double x, double y, double width, double height)
    {
    }

    public override void EndPath()
    {
    }

    public override void ClosePath()
    {
    }

    public override void ModifyClippingIntersect(FillingRule clippingRule)
    {
    }

    protected override void ClipToRectangle(PdfRectangle rectangle, FillingRule clippingRule)
    {
    }

    public override void PaintShading(NameToken shadingName)
    {
    }
}
