using System.Diagnostics;
using System.Text.Json;
using OmcpSandbox.Testing;

namespace OmcpSandbox.EndToEnd.Tests;

/// <summary>The core flow driven by a second, independent client: the MCP TypeScript SDK under Node.js.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TypeScriptClientTests(ClusterFixture fixture)
{
    private static readonly string _clientDirectory = Path.Combine(RepositoryPaths.Root, "tests", "OmcpSandbox.EndToEnd.Tests", "ts-client");

    [DockerFact]
    public async Task TypeScriptSdk_RunsCoreFlow()
    {
        Assert.True(
            Directory.Exists(Path.Combine(_clientDirectory, "node_modules", "@modelcontextprotocol", "sdk")),
            $"The MCP TypeScript SDK is not installed in {_clientDirectory}; ./omcp test installs it with npm ci.");
        var startInfo = new ProcessStartInfo("node") { WorkingDirectory = _clientDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        startInfo.ArgumentList.Add("client.mjs");
        startInfo.ArgumentList.Add(fixture.Cluster.McpEndpoint.ToString());
        startInfo.ArgumentList.Add(fixture.Cluster.TenantAKey);

        using var process = Process.Start(startInfo)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"node exited with {process.ExitCode}: {output}\n{errors}");
        using var report = JsonDocument.Parse(output);
        var root = report.RootElement;
        Assert.Equal(
            [
                "analyze_omop_data", "create_sandbox", "describe_omop_table", "execute_python_code", "install_package",
                "list_omop_tables", "list_sandboxes", "query_omop_sql", "query_omop_table", "remove_sandbox",
            ],
            root.GetProperty("tools").EnumerateArray().Select(tool => tool.GetString()));
        Assert.Equal("HELLO FROM TS\n", root.GetProperty("output").GetString());
        Assert.True(root.GetProperty("unknownIsError").GetBoolean());
        Assert.True(root.GetProperty("removed").GetBoolean());
    }
}
