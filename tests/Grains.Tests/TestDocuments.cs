using Lector.Abstractions.Audio;
using Lector.Abstractions.Documents;

namespace Lector.Grains.Tests;

/// <summary>Test data made through the grains themselves: a registered owner with a ready document.</summary>
public static class TestDocuments
{
    public static async Task<(string Owner, string DocumentId, string Text)> CreateAsync(IClusterClient client, string text)
    {
        var owner = (await TestAccounts.RegisterAsync(client, "Owner")).Id;
        var documentId = Guid.NewGuid().ToString("N");
        var document = client.GetGrain<IDocumentGrain>(documentId);
        await document.Create(new NewDocument(owner, "Test", text, null, null));
        for (var i = 0; i < 600 && (await document.Get(owner)).Status == DocumentStatus.Processing; i++)
        {
            await Task.Delay(50);
        }

        return (owner, documentId, (await document.GetPage(owner, 1)).Content.Text);
    }

    /// <summary>Polls until the audio is completed or failed.</summary>
    public static async Task<AudioView> WaitForFinalAsync(IPageVoiceGrain audio, string caller)
    {
        for (var i = 0; i < 600; i++)
        {
            var view = await audio.Get(caller);
            if (view.Status is AudioStatus.Completed or AudioStatus.Failed)
            {
                return view;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Audio did not finish in 60 s.");
    }
}

public static class PageVoiceGrainExtensions
{
    /// <summary>The audio's state as the system's own grains see it, without an access check.</summary>
    public static Task<AudioView?> Peek(this IPageVoiceGrain audio) => audio.AsReference<IPageVoiceMaintenanceGrain>().Peek();
}
