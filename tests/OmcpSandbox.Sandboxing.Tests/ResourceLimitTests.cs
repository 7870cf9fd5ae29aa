namespace OmcpSandbox.Sandboxing.Tests;

/// <summary>The pids and memory limits of the container hold, and the session recovers from hitting them.</summary>
[Collection(ResourceLimitCollection.Name)]
public sealed class ResourceLimitTests(SandboxRuntimeFixture fixture)
{
    private const int ErrorTryAgain = 11;

    private const string CountProcesses = "import os\nprint(sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))";

    [DockerFact]
    public async Task ForkBomb_IsContainedByPidsLimit()
    {
        await using var sandbox = await fixture.CreateSandboxAsync();

        var result = await sandbox.RunAsync("""
            import os
            while True:
                os.fork()
            """);
        var after = await sandbox.RunAsync(CountProcesses);

        Assert.Equal(ExecutionResult.ExitException, result.ExitCode);
        Assert.Equal("BlockingIOError", result.Error?.Type);
        Assert.Contains($"[Errno {ErrorTryAgain}]", result.Error?.Message, StringComparison.Ordinal);
        Assert.False(result.StateReset);
        Assert.Equal("[1]\n", after.Stdout);
    }

    [DockerFact]
    public async Task ForkBomb_ChildrenNeverReachChannel()
    {
        await using var sandbox = await fixture.CreateSandboxAsync();

        var result = await sandbox.RunAsync("""
            import os
            for _ in range(20):
                if os.fork() == 0:
                    print('child')
                    break
            """);
        var next = await sandbox.RunAsync("print('next')");

        Assert.Equal(ExecutionResult.ExitSuccess, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("next\n", next.Stdout);
        Assert.False(next.StateReset);
    }

    [DockerFact]
    public async Task MemoryBomb_IsOomKilled()
    {
        await using var sandbox = await fixture.CreateSandboxAsync();
        var oldContainer = sandbox.ContainerId;
        await sandbox.RunAsync("marker = 1");

        var result = await sandbox.RunAsync("""
            blocks = []
            while True:
                blocks.append(b'\x01' * (32 << 20))
            """);
        var after = await sandbox.RunAsync("print('marker' in globals())");

        Assert.Equal(ExecutionResult.ExitKilled, result.ExitCode);
        Assert.True(result.StateReset);
        Assert.Contains("512 MiB", result.Error?.Message, StringComparison.Ordinal);
        Assert.Contains("out of memory", result.Error?.Message, StringComparison.Ordinal);
        Assert.True(after.Succeeded, after.Error?.ToString());
        Assert.Equal("False\n", after.Stdout);
        Assert.NotEqual(oldContainer, sandbox.ContainerId);
        Assert.False(await fixture.ContainerExistsAsync(oldContainer));
    }
}
