using System.Text.Json;

namespace OmcpSandbox.Sandboxing.Tests;

/// <summary>The root file system is read-only; only the tmpfs mounts take writes.</summary>
[Collection(ExecutionCollection.Name)]
public sealed class FileSystemIsolationTests(SandboxRuntimeFixture fixture)
{
    private const int ErrorReadOnlyFileSystem = 30;
    private const int ErrorAccessDenied = 13;

    private const string WriteProbe = """
        import json, os
        results = {}
        for d in DIRECTORIES:
            path = os.path.join(d, '.write_probe')
            try:
                with open(path, 'w') as f:
                    f.write('x')
                with open(path) as f:
                    results[d] = f.read()
                os.remove(path)
            except OSError as e:
                results[d] = e.errno
        print(json.dumps(results))
        """;

    [DockerFact]
    public async Task Write_OutsideTmpfs_Fails()
    {
        string[] directories = ["/", "/etc", "/usr", "/usr/lib/python3", "/opt/omcp/runner", "/var", "/root", "/home", "/sys/fs/cgroup"];
        var results = await RunWriteProbeAsync(directories);

        foreach (var directory in directories)
        {
            var outcome = results.GetProperty(directory);
            Assert.True(outcome.ValueKind == JsonValueKind.Number, $"{directory} was writable.");
            Assert.Contains(outcome.GetInt32(), new[] { ErrorReadOnlyFileSystem, ErrorAccessDenied });
        }
    }

    [DockerFact]
    public async Task Write_InsideTmpfs_Works()
    {
        string[] directories = ["/tmp", "/workspace"];
        var results = await RunWriteProbeAsync(directories);

        foreach (var directory in directories)
        {
            Assert.Equal("x", results.GetProperty(directory).ToString());
        }
    }

    [DockerFact]
    public async Task Tmp_IsNotExecutable()
    {
        await using var sandbox = await fixture.CreateSandboxAsync();

        var result = await sandbox.RunAsync("""
            import os, subprocess
            with open('/tmp/tool.sh', 'w') as f:
                f.write('#!/bin/sh\necho ran\n')
            os.chmod('/tmp/tool.sh', 0o755)
            try:
                subprocess.run(['/tmp/tool.sh'], check=True)
            except PermissionError as e:
                print('denied', e.errno)
            """);

        Assert.Equal($"denied {ErrorAccessDenied}\n", result.Stdout);
    }

    private async Task<JsonElement> RunWriteProbeAsync(string[] directories)
    {
        await using var sandbox = await fixture.CreateSandboxAsync();
        return await sandbox.RunJsonAsync(WriteProbe.Replace("DIRECTORIES", JsonSerializer.Serialize(directories), StringComparison.Ordinal));
    }
}
