namespace OmcpSandbox.Sandboxing.Tests;

/// <summary>How uncaught exceptions and <c>SystemExit</c> come back to the host.</summary>
[Collection(ExecutionCollection.Name)]
public sealed class ExceptionReportingTests(SandboxRuntimeFixture fixture)
{
    [DockerFact]
    public async Task Exception_ReportsTypeMessageTraceback()
    {
        await using var sandbox = await fixture.CreateSandboxAsync();

        var result = await sandbox.RunAsync("""
            print('before')
            def divide(value):
                return value / 0
            divide(1)
            """);

        Assert.Equal(ExecutionResult.ExitException, result.ExitCode);
        Assert.Equal("before\n", result.Stdout);
        var error = Assert.IsType<ExecutionError>(result.Error);
        Assert.Equal("ZeroDivisionError", error.Type);
        Assert.Equal("division by zero", error.Message);
        Assert.StartsWith("Traceback (most recent call last):", error.Traceback, StringComparison.Ordinal);
        Assert.Contains("File \"<sandbox>\", line 4, in <module>", error.Traceback, StringComparison.Ordinal);
        Assert.Contains("File \"<sandbox>\", line 3, in divide", error.Traceback, StringComparison.Ordinal);
        Assert.DoesNotContain("runner.py", error.Traceback, StringComparison.Ordinal);
        Assert.False(result.StateReset);
    }

    [DockerFact]
    public async Task SyntaxError_ReportsLine()
    {
        await using var sandbox = await fixture.CreateSandboxAsync();

        var result = await sandbox.RunAsync("x = 1\nif x\n    print(x)");

        Assert.Equal(ExecutionResult.ExitException, result.ExitCode);
        Assert.Equal("SyntaxError", result.Error?.Type);
        Assert.Contains("line 2", result.Error?.Traceback, StringComparison.Ordinal);
        Assert.DoesNotContain("runner.py", result.Error?.Traceback, StringComparison.Ordinal);
    }

    [DockerFact]
    public async Task Exception_HugeMessage_KeepsSession()
    {
        await using var sandbox = await fixture.CreateSandboxAsync();

        var result = await sandbox.RunAsync("kept = 1\nraise ValueError('\\x00' * 3_000_000)");
        var after = await sandbox.RunAsync("print(kept)");

        Assert.Equal(ExecutionResult.ExitException, result.ExitCode);
        Assert.Equal("ValueError", result.Error?.Type);
        Assert.False(result.StateReset);
        Assert.Equal("1\n", after.Stdout);
    }

    [DockerTheory]
    [InlineData("import sys\nsys.exit()", ExecutionResult.ExitSuccess, null)]
    [InlineData("import sys\nsys.exit(0)", ExecutionResult.ExitSuccess, null)]
    [InlineData("raise SystemExit(False)", ExecutionResult.ExitSuccess, null)]
    [InlineData("import sys\nsys.exit(3)", ExecutionResult.ExitException, "3")]
    [InlineData("import sys\nsys.exit('stopping early')", ExecutionResult.ExitException, "stopping early")]
    [InlineData("import sys\nsys.exit(124)", ExecutionResult.ExitException, "124")]
    [InlineData("import sys\nsys.exit(137)", ExecutionResult.ExitException, "137")]
    public async Task SystemExit_MapsToExitCode(string code, int exitCode, string? message)
    {
        await using var sandbox = await fixture.CreateSandboxAsync();

        var result = await sandbox.RunAsync($"kept = 1\n{code}");
        var after = await sandbox.RunAsync("print(kept)");

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal(message, result.Error?.Message);
        Assert.Equal(message is null ? null : "SystemExit", result.Error?.Type);
        Assert.False(result.TimedOut);
        Assert.False(result.StateReset);
        Assert.Equal("1\n", after.Stdout);
    }
}
