using System.Net.Http.Json;
using System.Text.Json;
using Lector.Abstractions.Documents;
using Lector.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lector.WebFront.Tests.Security;

/// <summary>A library page costs the same number of grain calls whether the user has 1, 10 or 500 documents.</summary>
public sealed class ListingCostTests
{
    [Fact]
    public async Task Listing_a_library_costs_a_constant_number_of_grain_calls()
    {
        var counter = new GrainCallCounter();
        await using var app = await LectorApp.StartAsync(builder => builder.Services.AddSingleton<IIncomingGrainCallFilter>(counter));
        var cluster = app.App.Services.GetRequiredService<IClusterClient>();

        var costs = new Dictionary<int, long>();
        foreach (var count in new[] { 1, 10, 500 })
        {
            var user = await ApiUser.CreateAsync(app);
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                var document = cluster.GetGrain<IDocumentGrain>(Guid.NewGuid().ToString("N"));
                await document.Create(new NewDocument(user.Id, $"Document {i}", $"Text number {i}.", null, null));
            });
            var listed = await user.Bearer.GetFromJsonAsync<JsonElement>("/api/documents?pageSize=50");
            Assert.Equal(count, listed.GetProperty("totalItems").GetInt32());

            // Ingestion runs in the background; wait until nothing else is calling grains. Periodic work (settings
            // renewal, sweeps) can still land inside one listing and only ever adds calls, so the least of three counts.
            var listings = new List<long>();
            for (var run = 0; run < 3; run++)
            {
                await counter.WaitForQuietAsync();
                var before = counter.Calls;
                await user.Bearer.GetFromJsonAsync<JsonElement>("/api/documents?pageSize=50");
                listings.Add(counter.Calls - before);
            }

            costs[count] = listings.Min();
        }

        Assert.Equal(costs[1], costs[10]);
        Assert.Equal(costs[1], costs[500]);
        Assert.InRange(costs[1], 1, 3);
    }
}
