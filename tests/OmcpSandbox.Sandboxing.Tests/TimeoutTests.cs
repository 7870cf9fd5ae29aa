using System.Diagnostics;

namespace OmcpSandbox.Sandboxing.Tests;

/// <summary>The host enforces the deadline by killing the container, whatever the code does with signals.</summary>
[Collection(ResourceLimitCollection.Name)]
public sealed class TimeoutTests(SandboxRuntimeFixture fixture)
{
    private static readonly TimeSpan _deadline = TimeSpan.FromSeconds(2);

    // An upper bound on kill and cleanup time, not a benchmark.
    private static readonly TimeSpan _grace = TimeSpan.FromSeconds(1);

    [DockerTheory]
    [InlineData("while True:\n    pass")]
    [InlineData("while True:\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        pass")]
    [InlineData("import time\ntime.sleep(3600)")]
    [InlineData("import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nwhile True:\n    pass")]
    public async Task Timeout_KillsContainer(string code)
    {
        await using var sandbox = await fixture.CreateSandboxAsync();
        var oldContainer = sandbox.ContainerId;

        var stopwatch = Stopwatch.StartNew();
        var result = await sandbox.RunAsync(code, _deadline);
        stopwatch.Stop();

        Assert.InRange(stopwatch.Elapsed, _deadline, _deadline + _grace);
        Assert.True(result.TimedOut);
        Assert.Equal(ExecutionResult.ExitTimedOut, result.ExitCode);
        Assert.True(result.StateReset);
        Assert.Equal("TimeoutError", result.Error?.Type);
        Assert.False(await fixture.ContainerExistsAsync(oldContainer));

        var next = await sandbox.RunAsync("print('recovered')");

        Assert.Equal("recovered\n", next.Stdout);
        Assert.NotEqual(oldContainer, sandbox.ContainerId);
    }
}
