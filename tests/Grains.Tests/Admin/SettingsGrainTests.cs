using Lector.Abstractions;
using Lector.Abstractions.Admin;
using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.Grains.Tests.Admin;

[Collection(ClusterCollection.Name)]
public sealed class SettingsGrainTests(LectorClusterFixture fixture)
{
    [Fact]
    public async Task A_settings_change_on_one_silo_is_seen_by_the_other_and_limits_audio_without_a_restart()
    {
        var silos = fixture.Cluster.Silos.Select(s => fixture.Cluster.GetSiloServiceProvider(s.SiloAddress).GetRequiredService<IGrainFactory>()).ToList();
        Assert.Equal(2, silos.Count);
        var original = await silos[0].GetGrain<ISettingsGrain>(0).Get();
        var (owner, documentId) = await CreateDocumentAsync();
        var voices = (await fixture.Client.GetGrain<IVoiceCatalogGrain>(0).ListVoices()).Take(2).Select(v => v.Id).ToList();
        try
        {
            await silos[0].GetGrain<ISettingsGrain>(0).Update(original with { MaxAudiosPerPage = 1 });

            Assert.Equal(1, (await silos[1].GetGrain<ISettingsGrain>(0).Get()).MaxAudiosPerPage);
            await silos[1].GetGrain<IPageVoiceGrain>(new AudioKey(documentId, 1, voices[0]).GrainKey).Request(owner);
            var refused = await Assert.ThrowsAsync<LectorException>(() => silos[1].GetGrain<IPageVoiceGrain>(new AudioKey(documentId, 1, voices[1]).GrainKey).Request(owner));
            Assert.Equal("audio.quota_exceeded", refused.Code);
        }
        finally
        {
            await silos[1].GetGrain<ISettingsGrain>(0).Update(original);
        }
    }

    [Fact]
    public async Task Out_of_range_settings_are_refused()
    {
        var settings = fixture.Client.GetGrain<ISettingsGrain>(0);
        var current = await settings.Get();

        var refused = await Assert.ThrowsAsync<LectorException>(() => settings.Update(current with { ExpiryWarningDays = current.RetentionDays }));

        Assert.Equal(ErrorKind.Validation, refused.Kind);
        Assert.Equal("expiryWarningDays", refused.Field);
        Assert.Equal(current, await settings.Get());
    }

    private async Task<(string Owner, string DocumentId)> CreateDocumentAsync()
    {
        var owner = (await TestAccounts.RegisterAsync(fixture.Client, "Owner")).Id;
        var documentId = Guid.NewGuid().ToString("N");
        var document = fixture.Client.GetGrain<IDocumentGrain>(documentId);
        await document.Create(new NewDocument(owner, "Settings", "A page with a limit on its voices.", null, null));
        for (var i = 0; i < 100 && (await document.Get(owner)).Status == DocumentStatus.Processing; i++)
        {
            await Task.Delay(50);
        }

        return (owner, documentId);
    }
}
