using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Blobs;
using Lector.Abstractions.Documents;
using Lector.Grains.Ingestion;

namespace Lector.Grains.Tests.Ingestion;

[Collection(ClusterCollection.Name)]
public sealed class DocumentIngestionGrainTests(LectorClusterFixture fixture)
{
    [Theory]
    [InlineData("gpl3.pdf", "pdf", 16)]
    [InlineData("gpl3.docx", "docx", 19)]
    [InlineData("gpl3.epub", "epub", 19)]
    [InlineData("gpl3.html", "html", 19)]
    [InlineData("gpl3.md", "markdown", 19)]
    public async Task Each_format_is_ingested_from_its_original_to_ready_pages(string file, string sourceType, int minimumPages)
    {
        var owner = await RegisterAsync();
        var (documentId, staged) = await StageAsync(Corpus.Read(file));
        var document = fixture.Client.GetGrain<IDocumentGrain>(documentId);

        var accepted = await document.Create(new NewDocument(owner, "", null, staged, $"../uploads/{file}.bin"));
        var ready = await WaitForFinalAsync(document, owner);

        Assert.Equal(DocumentStatus.Processing, accepted.Status);
        Assert.Equal(DocumentStatus.Ready, ready.Status);
        Assert.Equal(sourceType, ready.SourceType);
        Assert.Equal($"{file}.bin", ready.Title);
        Assert.InRange(ready.PageCount, minimumPages, 40);
        var first = await document.GetPage(owner, 1);
        Assert.Contains("GNU", first.Content.Text, StringComparison.Ordinal);
        Assert.True(await fixture.Blobs.ExistsAsync(BlobKeys.Original(documentId)));
        Assert.False(await fixture.Blobs.ExistsAsync(staged));

        await document.Delete(owner);
        Assert.False(await fixture.Blobs.ExistsAsync(BlobKeys.Original(documentId)));
    }

    public static TheoryData<string, string> Hostile() => new()
    {
        { "empty", UploadErrors.Empty },
        { "garbage", UploadErrors.UnsupportedType },
        { "xxe", UploadErrors.UnsafeXml },
        { "bomb", UploadErrors.ArchiveTooLarge },
        { "traversal", UploadErrors.UnsafeArchive },
        { "encrypted", UploadErrors.Encrypted },
        { "scanned", UploadErrors.NoText },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_refused_upload_leaves_nothing_behind_and_the_service_still_answers(string kind, string code)
    {
        var owner = await RegisterAsync();
        var (documentId, staged) = await StageAsync(HostileFile(kind));
        var document = fixture.Client.GetGrain<IDocumentGrain>(documentId);

        var refused = await Assert.ThrowsAsync<LectorException>(() => document.Create(new NewDocument(owner, "Hostile", null, staged, "evil.txt")));

        Assert.Equal(code, refused.Code);
        Assert.False(await fixture.Blobs.ExistsAsync(BlobKeys.Original(documentId)));
        Assert.Equal("document.not_found", (await Assert.ThrowsAsync<LectorException>(() => document.Get(owner))).Code);
        Assert.Equal(0, (await fixture.Client.GetGrain<ILibraryGrain>(owner).List(new PageRequest(1, 10), new LibraryQuery(null, LibrarySort.Added))).TotalItems);

        // The same grain and the service still work afterwards.
        await fixture.Blobs.PutAsync(staged, new MemoryStream(TestFiles.Utf8("Now a harmless text.")));
        await document.Create(new NewDocument(owner, "Fine", null, staged, "fine.txt"));
        Assert.Equal(DocumentStatus.Ready, (await WaitForFinalAsync(document, owner)).Status);
    }

    [Fact]
    public async Task Other_users_listings_answer_while_a_300_page_pdf_is_ingested()
    {
        var owner = await RegisterAsync();
        var other = await RegisterAsync();
        var pdf = TestFiles.Pdf([.. Enumerable.Range(1, 300).Select(n => new[] { $"This is page {n} of a long report.", "It has a few lines of text on it.", "Enough to give the parser some work." })]);
        var (documentId, staged) = await StageAsync(pdf);
        var document = fixture.Client.GetGrain<IDocumentGrain>(documentId);

        await document.Create(new NewDocument(owner, "Long", null, staged, "long.pdf"));
        var listingsDuringIngestion = 0;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while ((await document.Get(owner)).Status == DocumentStatus.Processing)
        {
            Assert.True(DateTime.UtcNow < deadline, "The 300-page PDF was still processing after 3 minutes.");
            await fixture.Client.GetGrain<ILibraryGrain>(other).List(new PageRequest(1, 10), new LibraryQuery(null, LibrarySort.Added));
            await fixture.Client.GetGrain<ILibraryGrain>(owner).List(new PageRequest(1, 10), new LibraryQuery(null, LibrarySort.Added));
            listingsDuringIngestion++;
        }

        var ready = await document.Get(owner);
        Assert.Equal(DocumentStatus.Ready, ready.Status);
        Assert.Equal(300, ready.PageCount);
        Assert.True(listingsDuringIngestion > 0, "no listing answered while the document was processing");
    }

    [Fact]
    public async Task Editing_a_page_updates_its_text_and_html_and_marks_its_audio_stale()
    {
        var owner = await RegisterAsync();
        var documentId = Guid.NewGuid().ToString("N");
        var document = fixture.Client.GetGrain<IDocumentGrain>(documentId);
        await document.Create(new NewDocument(owner, "Edit me", "The first version of the page.", null, null));
        await WaitForFinalAsync(document, owner);
        var audio = fixture.Client.GetGrain<IPageVoiceGrain>(new AudioKey(documentId, 1, "local:en-us").GrainKey);
        await audio.Request(owner);
        Assert.False((await TestDocuments.WaitForFinalAsync(audio, owner)).Stale);

        var edited = await document.UpdatePage(owner, 1, "The second version <script>x</script>.\n\nA new paragraph.");

        Assert.Equal("The second version <script>x</script>.\n\nA new paragraph.", edited.Content.Text);
        Assert.Equal("<p>The second version &lt;script&gt;x&lt;/script&gt;.</p><p>A new paragraph.</p>", edited.Content.Html);
        Assert.True((await audio.Get(owner)).Stale);
        Assert.Equal(edited.Content.Text, (await document.GetPage(owner, 1)).Content.Text);
        var summary = (await document.ListPages(owner, new PageRequest(1, 10))).Items[0];
        Assert.Equal(edited.Content.CharCount, summary.CharCount);
        Assert.Equal(1, summary.AudioCount);
    }

    [Fact]
    public async Task Only_people_with_access_edit_pages_and_edits_are_validated()
    {
        var owner = await RegisterAsync();
        var stranger = await RegisterAsync();
        var documentId = Guid.NewGuid().ToString("N");
        var document = fixture.Client.GetGrain<IDocumentGrain>(documentId);
        await document.Create(new NewDocument(owner, "Mine", "Private words.", null, null));
        await WaitForFinalAsync(document, owner);

        Assert.Equal("document.not_found", (await Assert.ThrowsAsync<LectorException>(() => document.UpdatePage(stranger, 1, "Hijacked."))).Code);
        Assert.Equal("page.not_found", (await Assert.ThrowsAsync<LectorException>(() => document.UpdatePage(owner, 2, "No such page."))).Code);
        Assert.Equal("page.empty", (await Assert.ThrowsAsync<LectorException>(() => document.UpdatePage(owner, 1, "  \n "))).Code);
        Assert.Equal("page.too_long", (await Assert.ThrowsAsync<LectorException>(() => document.UpdatePage(owner, 1, new string('a', new IngestionLimits().MaxPageCharacters + 1)))).Code);
        Assert.Equal("Private words.", (await document.GetPage(owner, 1)).Content.Text);
    }

    private static byte[] HostileFile(string kind) => kind switch
    {
        "empty" => [],
        "garbage" => [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))],
        "xxe" => TestFiles.Docx($"""<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="{TestFiles.WordNamespace}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"""),
        "bomb" => TestFiles.Epub(TestFiles.Package("a.xhtml"), ("OEBPS/a.xhtml", TestFiles.Xhtml("<p>Hi.</p>")), ("OEBPS/zeros.bin", new byte[20 * 1024 * 1024])),
        "traversal" => TestFiles.Epub(TestFiles.Package("a.xhtml"), ("OEBPS/a.xhtml", TestFiles.Xhtml("<p>Hi.</p>")), ("../../evil.sh", TestFiles.Utf8("rm -rf /"))),
        "encrypted" => TestFiles.Pdf([["Locked words."]], userPassword: "secret"),
        "scanned" => TestFiles.PdfWithoutText(2),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private async Task<(string DocumentId, string StagedKey)> StageAsync(byte[] content)
    {
        var documentId = Guid.NewGuid().ToString("N");
        var staged = BlobKeys.Upload(documentId);
        await fixture.Blobs.PutAsync(staged, new MemoryStream(content));
        return (documentId, staged);
    }

    private async Task<string> RegisterAsync()
    {
        return (await TestAccounts.RegisterAsync(fixture.Client, "Reader")).Id;
    }

    private static async Task<DocumentDetails> WaitForFinalAsync(IDocumentGrain document, string owner)
    {
        for (var i = 0; i < 1200; i++)
        {
            var details = await document.Get(owner);
            if (details.Status != DocumentStatus.Processing)
            {
                return details;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Ingestion did not finish in 120 s.");
    }
}
