namespace OmcpSandbox.Sandboxing.Tests;

/// <summary>Reads a created container back through the Docker API and checks every hardened setting.</summary>
[Collection(ContainerSetupCollection.Name)]
public sealed class ContainerSpecTests(SandboxRuntimeFixture fixture)
{
    [DockerFact]
    public async Task Container_Inspect_HasHardenedSettings()
    {
        await using var sandbox = await fixture.CreateSandboxAsync();
        var container = await fixture.InspectAsync(sandbox.ContainerId);
        var host = container.HostConfig;

        Assert.Equal("none", host.NetworkMode);
        Assert.True(container.Config.NetworkDisabled);
        Assert.Equal("1000:1000", container.Config.User);
        Assert.Equal(512L * 1024 * 1024, host.Memory);
        Assert.Equal(host.Memory, host.MemorySwap);
        Assert.Equal(500_000_000L, host.NanoCPUs);
        Assert.Equal(50L, host.PidsLimit);
        Assert.True(host.ReadonlyRootfs);
        Assert.Equal(["ALL"], host.CapDrop);
        Assert.Contains("no-new-privileges", host.SecurityOpt);
        Assert.Equal("private", host.IpcMode);
    }

    [DockerFact]
    public async Task Container_Inspect_HasTmpfsMounts()
    {
        await using var sandbox = await fixture.CreateSandboxAsync();
        var container = await fixture.InspectAsync(sandbox.ContainerId);
        var tmp = container.HostConfig.Tmpfs["/tmp"].Split(',');
        var workspace = container.HostConfig.Tmpfs[ContainerSpec.WorkspacePath].Split(',');

        Assert.Contains("rw", tmp);
        Assert.Contains("noexec", tmp);
        Assert.Contains("nosuid", tmp);
        Assert.Contains("size=100m", tmp);
        Assert.Contains("rw", workspace);
        Assert.Contains("nosuid", workspace);
        Assert.Contains("size=500m", workspace);
        Assert.Equal(ContainerSpec.WorkspacePath, container.Config.WorkingDir);
    }

    [DockerFact]
    public async Task Container_Inspect_HasOwnershipLabels()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await using var sandbox = await fixture.CreateSandboxAsync();
        var labels = (await fixture.InspectAsync(sandbox.ContainerId)).Config.Labels;

        Assert.Equal(sandbox.SandboxId, labels[ContainerLabels.SandboxId]);
        Assert.Equal(fixture.Options.ClusterId, labels[ContainerLabels.ClusterId]);
        Assert.Equal(fixture.Options.SiloName, labels[ContainerLabels.Silo]);
        var createdAt = DateTimeOffset.Parse(labels[ContainerLabels.CreatedAt], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(createdAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [DockerFact]
    public async Task Container_WorkingDirectory_IsWorkspaceTmpfs()
    {
        await using var sandbox = await fixture.CreateSandboxAsync();
        var mount = await sandbox.RunJsonAsync("""
            import json, os
            mounts = [line.split() for line in open('/proc/self/mounts')]
            print(json.dumps({'cwd': os.getcwd(), 'home': os.environ['HOME'],
                              'type': next(m[2] for m in mounts if m[1] == '/workspace')}))
            """);

        Assert.Equal("/workspace", mount.GetProperty("cwd").GetString());
        Assert.Equal("/workspace", mount.GetProperty("home").GetString());
        Assert.Equal("tmpfs", mount.GetProperty("type").GetString());
    }
}
