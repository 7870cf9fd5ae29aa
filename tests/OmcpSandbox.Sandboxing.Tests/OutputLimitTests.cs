namespace OmcpSandbox.Sandboxing.Tests;

/// <summary>Output is capped inside the container, so a flood costs the host no more than the cap.</summary>
[Collection(ExecutionCollection.Name)]
public sealed class OutputLimitTests(SandboxRuntimeFixture fixture)
{
    // The cap is 1 MiB, and the decoded string takes twice that. A 32 MiB budget leaves room for the test's own
    // allocations but fails if the host buffered the 100 MB that the code printed.
    private const long AllocationBudget = 32L * 1024 * 1024;

    [DockerTheory]
    [InlineData("print('x' * 100_000_000)")]
    [InlineData("while True:\n    print('x' * 10)")]
    [InlineData("import os\nfor _ in range(200_000):\n    os.write(1, b'x' * 100)")]
    [InlineData("import subprocess\nsubprocess.run(['yes', 'x'], timeout=3)")]
    public async Task Flood_IsTruncatedAtCap(string code)
    {
        await using var sandbox = await fixture.CreateSandboxAsync();
        await sandbox.RunAsync("print('warm')");

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var result = await sandbox.RunAsync(code);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.True(result.OutputTruncated);
        Assert.Equal(fixture.Options.OutputLimitBytes, result.Stdout.Length);
        Assert.Equal("", result.Stderr);
        Assert.All(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Matches("^x+$", line));
        Assert.InRange(allocated, 0, AllocationBudget);
        Assert.False(result.StateReset);
    }

    [DockerFact]
    public async Task Flood_LaterExecution_IsNotTruncated()
    {
        await using var sandbox = await fixture.CreateSandboxAsync();

        await sandbox.RunAsync("print('x' * 100_000_000)");
        var after = await sandbox.RunAsync("print('fine')");

        Assert.False(after.OutputTruncated);
        Assert.Equal("fine\n", after.Stdout);
    }

    [DockerFact]
    public async Task InvalidUtf8_IsReplaced()
    {
        await using var sandbox = await fixture.CreateSandboxAsync();

        var result = await sandbox.RunAsync("""
            import sys
            sys.stdout.buffer.write(b'ok \xff\xfe\xc3\x28 end\n')
            sys.stderr.buffer.write(bytes(range(256)))
            print('\udcff')
            """);

        Assert.True(result.Succeeded, result.Error?.ToString());
        Assert.StartsWith("ok \uFFFD\uFFFD\uFFFD( end\n", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("\uFFFD\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains('\uFFFD', result.Stderr);
        Assert.StartsWith("\0\u0001\u0002", result.Stderr, StringComparison.Ordinal);
    }
}
