using Lector.Abstractions;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;
using Lector.Abstractions.Lexicon;

namespace Lector.Grains.Tests.Lexicon;

[Collection(ClusterCollection.Name)]
public sealed class LexiconGrainTests(LectorClusterFixture fixture)
{
    private const string Voice = "local:en-us";

    [Fact]
    public async Task A_changed_entry_changes_speech_and_what_the_engine_is_sent_and_marks_only_affected_audio_stale()
    {
        var (owner, mentioning, _) = await TestDocuments.CreateAsync(fixture.Client, "Install GNU and ask Nguyen.\n\nA second page of plain words.");
        var other = Guid.NewGuid().ToString("N");
        await fixture.Client.GetGrain<IDocumentGrain>(other).Create(new NewDocument(owner, "Other", "Nothing to change here.", null, null));
        var affected = await CompletedAudioAsync(owner, mentioning);
        var unaffected = await CompletedAudioAsync(owner, other);
        var lexicon = fixture.Client.GetGrain<ILexiconGrain>(owner);
        var affectedVersion = (await fixture.Client.GetGrain<IDocumentGrain>(mentioning).Get(owner)).UpdatedAt;
        var unaffectedVersion = (await fixture.Client.GetGrain<IDocumentGrain>(other).Get(owner)).UpdatedAt;

        var stored = await lexicon.Replace([new LexiconEntry("GNU", "guh new", null), new LexiconEntry(" Nguyen", null, "ŋwɪn")]);

        Assert.Equal([new LexiconEntry("GNU", "guh new", null), new LexiconEntry("Nguyen", null, "ŋwɪn")], stored);
        Assert.Equal(stored, await lexicon.Get());
        Assert.True((await affected.Get(owner)).Stale);
        Assert.False((await unaffected.Get(owner)).Stale);
        Assert.True((await fixture.Client.GetGrain<IDocumentGrain>(mentioning).Get(owner)).UpdatedAt > affectedVersion);
        Assert.Equal(unaffectedVersion, (await fixture.Client.GetGrain<IDocumentGrain>(other).Get(owner)).UpdatedAt);
        var page = await fixture.Client.GetGrain<IDocumentGrain>(mentioning).GetPage(owner, 1);
        Assert.StartsWith("Install guh new and ask Nguyen.", page.Speech, StringComparison.Ordinal);

        await affected.Request(owner);
        Assert.False((await TestDocuments.WaitForFinalAsync(affected, owner)).Stale);
        var sent = fixture.Engine.Sent.Last(s => s.Text.Contains("guh new", StringComparison.Ordinal));
        var pronunciation = Assert.Single(sent.Pronunciations);
        Assert.Equal(("Nguyen", "ŋwɪn"), (sent.Text.Substring(pronunciation.Start, pronunciation.Length), pronunciation.Ipa));

        // The same lexicon again changes nothing; removing an entry makes its pages stale again.
        await lexicon.Replace(stored);
        Assert.False((await affected.Get(owner)).Stale);
        await lexicon.Replace([stored[0]]);
        Assert.True((await affected.Get(owner)).Stale);
        Assert.False((await unaffected.Get(owner)).Stale);
    }

    [Fact]
    public async Task A_refused_lexicon_stores_nothing()
    {
        var owner = (await TestAccounts.RegisterAsync(fixture.Client, "Lexicographer")).Id;
        var lexicon = fixture.Client.GetGrain<ILexiconGrain>(owner);
        await lexicon.Replace([new LexiconEntry("Lector", "lek tor", null)]);

        var error = await Assert.ThrowsAsync<LectorException>(() => lexicon.Replace([new LexiconEntry("Lector", null, "not ipa!")]));

        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Equal(["lexicon.phoneme_invalid"], error.Errors!["[0].phoneme"]);
        Assert.Equal([new LexiconEntry("Lector", "lek tor", null)], await lexicon.Get());
    }

    private async Task<IPageVoiceGrain> CompletedAudioAsync(string owner, string documentId)
    {
        var document = fixture.Client.GetGrain<IDocumentGrain>(documentId);
        for (var i = 0; i < 600 && (await document.Get(owner)).Status == DocumentStatus.Processing; i++)
        {
            await Task.Delay(50);
        }

        var audio = fixture.Client.GetGrain<IPageVoiceGrain>(new AudioKey(documentId, 1, Voice).GrainKey);
        await audio.Request(owner);
        Assert.Equal(AudioStatus.Completed, (await TestDocuments.WaitForFinalAsync(audio, owner)).Status);
        return audio;
    }
}
