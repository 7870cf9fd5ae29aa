using Docker.DotNet.Models;

namespace OmcpSandbox.Sandboxing.Tests;

/// <summary>Container removal on dispose and the sweep of containers that no runtime owns.</summary>
[Collection(ContainerSetupCollection.Name)]
public sealed class SandboxLifecycleTests(SandboxRuntimeFixture fixture)
{
    [DockerFact]
    public async Task Dispose_RemovesContainer()
    {
        var sandbox = await fixture.CreateSandboxAsync();
        var containerId = sandbox.ContainerId;
        Assert.True(await fixture.ContainerExistsAsync(containerId));

        await sandbox.DisposeAsync();

        Assert.False(await fixture.ContainerExistsAsync(containerId));
    }

    [DockerFact]
    public async Task RemoveOrphans_LabelledContainers_AreRemoved()
    {
        await using var live = await fixture.CreateSandboxAsync();
        var created = await CreateOrphanAsync(start: false);
        var started = await CreateOrphanAsync(start: true);

        var removed = await fixture.Runtime.RemoveOrphansAsync(_ => false);

        var removedIds = removed.Select(container => container.ContainerId).ToHashSet();
        Assert.Contains(created, removedIds);
        Assert.Contains(started, removedIds);
        Assert.DoesNotContain(live.ContainerId, removedIds);
        Assert.False(await fixture.ContainerExistsAsync(created));
        Assert.False(await fixture.ContainerExistsAsync(started));
        Assert.True((await fixture.InspectAsync(live.ContainerId)).State.Running);
        Assert.Equal("alive\n", (await live.RunAsync("print('alive')")).Stdout);
    }

    [DockerFact]
    public async Task RemoveOrphans_ClaimedContainer_IsKept()
    {
        var claimed = await CreateOrphanAsync(start: false);

        var removed = await fixture.Runtime.RemoveOrphansAsync(container => container.ContainerId == claimed);

        Assert.DoesNotContain(claimed, removed.Select(container => container.ContainerId));
        Assert.True(await fixture.ContainerExistsAsync(claimed));
    }

    [DockerFact]
    public async Task ListContainers_ReadsLabels()
    {
        await using var sandbox = await fixture.CreateSandboxAsync();

        var listed = Assert.Single(await fixture.Runtime.ListContainersAsync(), container => container.ContainerId == sandbox.ContainerId);

        Assert.Equal(sandbox.SandboxId, listed.SandboxId);
        Assert.Equal(fixture.Options.ClusterId, listed.ClusterId);
        Assert.Equal(fixture.Options.SiloName, listed.Silo);
        Assert.Equal("running", listed.State);
    }

    /// <summary>Creates a container with this cluster's labels that no runtime owns, as a crashed silo leaves them.</summary>
    private async Task<string> CreateOrphanAsync(bool start)
    {
        var response = await fixture.Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = fixture.Options.Image,
            User = "1000:1000",
            Labels = new Dictionary<string, string>
            {
                [ContainerLabels.SandboxId] = $"orphan-{Guid.NewGuid():N}",
                [ContainerLabels.ClusterId] = fixture.Options.ClusterId,
                [ContainerLabels.Silo] = "crashed-silo",
                [ContainerLabels.CreatedAt] = DateTimeOffset.UtcNow.AddHours(-1).ToString("O"),
            },
            HostConfig = new HostConfig { NetworkMode = "none", ReadonlyRootfs = true, CapDrop = ["ALL"] },
        });
        if (start)
        {
            await fixture.Docker.Containers.StartContainerAsync(response.ID, new ContainerStartParameters());
        }

        return response.ID;
    }
}
