using OmcpSandbox.Testing;

namespace OmcpSandbox.EndToEnd.Tests;

/// <summary>Code rejected by the silo's validator through the MCP front end.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ValidationTests(ClusterFixture fixture)
{
    private ServiceCluster Cluster => fixture.Cluster;

    [DockerFact]
    public async Task BlockedImport_IsRejectedWithLocation()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();

        var result = await client.ExecuteAsync(sandboxId, "total = 1\nimport os\nos.system('id')");
        var finding = result.Structured().GetProperty("validation_error");

        Assert.True(result.IsError);
        Assert.Equal("blocked_import", finding.GetProperty("rule").GetString());
        Assert.Equal("os", finding.GetProperty("name").GetString());
        Assert.Equal(2, finding.GetProperty("line").GetInt32());
        Assert.Equal(8, finding.GetProperty("column").GetInt32());
        Assert.Contains("Import of 'os' is not allowed (line 2, column 8)", ToolCalls.Text(result));
    }

    [DockerFact]
    public async Task RejectedCode_NeverReachesContainer()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();
        await client.ExecuteAsync(sandboxId, "marker = 'before'");
        var countBefore = await ExecutionCountAsync(client, sandboxId);

        var rejected = await client.ExecuteAsync(sandboxId, "marker = 'after'\nf = eval\nf('1')");
        var disguised = await client.ExecuteAsync(sandboxId, "marker = 'after'\nprint(f'{(1).__class__}')");
        var countAfter = await ExecutionCountAsync(client, sandboxId);
        var marker = await client.ExecuteAsync(sandboxId, "print(marker)");

        Assert.True(rejected.IsError);
        Assert.Equal("blocked_builtin", rejected.Structured().GetProperty("validation_error").GetProperty("rule").GetString());
        Assert.True(disguised.IsError);
        Assert.Equal(countBefore, countAfter);
        Assert.Equal("before\n", marker.Output());
    }

    [DockerFact]
    public async Task OrdinaryAnalysisCode_Runs()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();
        const string code = """
            import io, json, statistics
            import numpy as np
            import pandas as pd
            import matplotlib.pyplot as plt

            class Summary:
                def __init__(self, values):
                    self.values = values

                def describe(self) -> dict:
                    return {"mean": statistics.mean(self.values), "max": max(self.values)}

            frame = pd.DataFrame({"x": np.arange(5), "y": np.arange(5) ** 2})
            plt.plot(frame["x"], frame["y"])
            buffer = io.BytesIO()
            plt.savefig(buffer, format="png")
            if __name__ == "__main__":
                print(json.dumps(Summary(list(frame["y"])).describe()), buffer.getbuffer().nbytes > 0)
            """;

        var result = await client.ExecuteAsync(sandboxId, code, timeout: 60);

        Assert.True(result.IsError is not true, ToolCalls.Text(result));
        Assert.Equal("{\"mean\": 6, \"max\": 16} True\n", result.Output());
    }

    private static async Task<long> ExecutionCountAsync(ModelContextProtocol.Client.McpClient client, string sandboxId)
    {
        var list = (await client.CallAsync("list_sandboxes")).Structured();
        return list.GetProperty("sandboxes").EnumerateArray()
            .Single(item => item.GetProperty("id").GetString() == sandboxId)
            .GetProperty("execution_count").GetInt64();
    }
}
