namespace OmcpSandbox.Sandboxing.Tests;

/// <summary>The container's environment comes from the image alone, never from the host process.</summary>
[Collection(ContainerSetupCollection.Name)]
public sealed class EnvironmentIsolationTests(SandboxRuntimeFixture fixture)
{
    private static readonly string[] _imageVariables =
    [
        "HOME", "HOSTNAME", "LANG", "MPLBACKEND", "MPLCONFIGDIR", "PATH", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED",
    ];

    [DockerFact]
    public async Task Environment_HostVariable_DoesNotLeak()
    {
        var name = $"OMCP_TEST_SECRET_{Guid.NewGuid():N}".ToUpperInvariant();
        Environment.SetEnvironmentVariable(name, "host-only-value");
        try
        {
            await using var sandbox = await fixture.CreateSandboxAsync();
            var environment = await sandbox.RunJsonAsync("import json, os; print(json.dumps(dict(os.environ)))");
            var keys = environment.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal).ToList();

            Assert.DoesNotContain(name, keys);
            Assert.DoesNotContain("host-only-value", environment.GetRawText(), StringComparison.Ordinal);
            Assert.Equal(_imageVariables, keys);
            Assert.Equal("/workspace", environment.GetProperty("HOME").GetString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }
}
