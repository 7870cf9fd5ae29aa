namespace OmcpSandbox.Sandboxing.Tests;

/// <summary>One interpreter serves a whole session, so names, imports and files outlive a single execution.</summary>
[Collection(ExecutionCollection.Name)]
public sealed class SandboxStateTests(SandboxRuntimeFixture fixture)
{
    [DockerFact]
    public async Task State_PersistsAcrossExecutions()
    {
        await using var sandbox = await fixture.CreateSandboxAsync();
        var containerId = sandbox.ContainerId;

        var first = await sandbox.RunAsync("""
            import statistics
            counter = 41
            def double(value):
                return value * 2
            with open('notes.txt', 'w') as f:
                f.write('kept')
            """);
        var second = await sandbox.RunAsync("""
            counter += 1
            print(counter, double(counter), statistics.mean([1, 3]), open('/workspace/notes.txt').read())
            """);

        Assert.True(first.Succeeded, first.Error?.ToString());
        Assert.True(second.Succeeded, second.Error?.ToString());
        Assert.Equal("42 84 2 kept\n", second.Stdout);
        Assert.False(second.StateReset);
        Assert.Equal(containerId, sandbox.ContainerId);
    }

    [DockerFact]
    public async Task State_SurvivesUserException()
    {
        await using var sandbox = await fixture.CreateSandboxAsync();

        await sandbox.RunAsync("kept = 'yes'\nraise ValueError('boom')");
        var after = await sandbox.RunAsync("print(kept)");

        Assert.Equal("yes\n", after.Stdout);
        Assert.False(after.StateReset);
    }

    [DockerFact]
    public async Task Execute_Success_ReportsCleanResult()
    {
        await using var sandbox = await fixture.CreateSandboxAsync();

        var result = await sandbox.RunAsync("import sys\nprint('out')\nprint('err', file=sys.stderr)");

        Assert.Equal(ExecutionResult.ExitSuccess, result.ExitCode);
        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("err\n", result.Stderr);
        Assert.Null(result.Error);
        Assert.False(result.TimedOut);
        Assert.False(result.OutputTruncated);
        Assert.False(result.StateReset);
        Assert.InRange(result.Duration, TimeSpan.Zero, SandboxExtensions.DefaultTimeout);
    }
}
