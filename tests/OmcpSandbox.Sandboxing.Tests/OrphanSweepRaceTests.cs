using OmcpSandbox.Testing;

namespace OmcpSandbox.Sandboxing.Tests;

[Collection(ContainerSetupCollection.Name)]
public sealed class OrphanSweepRaceTests(SandboxRuntimeFixture fixture)
{
    [DockerFact]
    public async Task RemoveOrphans_DuringStarts_KeepsStartingContainers()
    {
        using var sweeping = new CancellationTokenSource();
        var sweeps = 0;
        var sweeper = Task.Run(async () =>
        {
            while (!sweeping.IsCancellationRequested)
            {
                await fixture.Runtime.RemoveOrphansAsync(_ => false);
                sweeps++;
            }
        });

        var sandboxes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => fixture.CreateSandboxAsync()));
        try
        {
            var results = await Task.WhenAll(sandboxes.Select(sandbox =>
                sandbox.ExecuteAsync(new ExecutionRequest("print('alive')", TimeSpan.FromSeconds(10)))));
            await sweeping.CancelAsync();
            await sweeper;

            Assert.True(sweeps > 0);
            Assert.All(results, result => Assert.Equal("alive\n", result.Stdout));
            Assert.All(results, result => Assert.False(result.StateReset));
        }
        finally
        {
            await sweeping.CancelAsync();
            foreach (var sandbox in sandboxes)
            {
                await sandbox.DisposeAsync();
            }
        }
    }
}
