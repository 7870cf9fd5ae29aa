using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol.Client;
using OmcpSandbox.Testing;

namespace OmcpSandbox.EndToEnd.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SandboxToolTests(ClusterFixture fixture)
{
    private ServiceCluster Cluster => fixture.Cluster;

    [DockerFact]
    public async Task ListTools_DescribesEveryToolWithSchemas()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);

        var tools = (await client.ListToolsAsync()).ToDictionary(tool => tool.Name);

        Assert.Equal(
            [
                "analyze_omop_data", "create_sandbox", "describe_omop_table", "execute_python_code", "install_package",
                "list_omop_tables", "list_sandboxes", "query_omop_sql", "query_omop_table", "remove_sandbox",
            ],
            tools.Keys.Order());
        Assert.True(tools["list_sandboxes"].ProtocolTool.Annotations?.ReadOnlyHint);
        Assert.True(tools["remove_sandbox"].ProtocolTool.Annotations?.DestructiveHint);
        Assert.False(tools["execute_python_code"].ProtocolTool.Annotations?.DestructiveHint);
        Assert.All(tools.Values, tool => Assert.NotNull(tool.ProtocolTool.OutputSchema));
        var executeInput = tools["execute_python_code"].ProtocolTool.InputSchema.GetProperty("properties");
        Assert.True(executeInput.TryGetProperty("sandbox_id", out _));
        Assert.True(executeInput.TryGetProperty("code", out _));
        Assert.True(executeInput.TryGetProperty("timeout", out _));
    }

    [DockerFact]
    public async Task Execute_KeepsStateAcrossCalls()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();

        await client.ExecuteAsync(sandboxId, "import math\ntotal = 40");
        var result = await client.ExecuteAsync(sandboxId, "total += 2\nprint(total, math.sqrt(16))");

        Assert.True(result.IsError is not true, ToolCalls.Text(result));
        Assert.Equal("42 4.0\n", result.Output());
        Assert.True(result.Structured().GetProperty("success").GetBoolean());
        Assert.Equal(0, result.Structured().GetProperty("exit_code").GetInt32());
        Assert.False(result.Structured().GetProperty("state_reset").GetBoolean());
        Assert.Equal("42 4.0\n", ToolCalls.Text(result));
    }

    [DockerFact]
    public async Task Execute_ReportsExceptionWithTraceback()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();

        var result = await client.ExecuteAsync(sandboxId, "print('before')\n1 / 0");
        var content = result.Structured();

        Assert.True(result.IsError is not true);
        Assert.False(content.GetProperty("success").GetBoolean());
        Assert.Equal(1, content.GetProperty("exit_code").GetInt32());
        Assert.Equal("before\n", content.GetProperty("output").GetString());
        Assert.Equal("ZeroDivisionError: division by zero", content.GetProperty("error").GetString());
        Assert.Contains("line 2", content.GetProperty("traceback").GetString());
    }

    [DockerFact]
    public async Task Execute_TimeoutThenReuseWithReset()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();
        await client.ExecuteAsync(sandboxId, "kept = 1");

        var stopwatch = Stopwatch.StartNew();
        var timedOut = await client.ExecuteAsync(sandboxId, "while True:\n    pass", timeout: 2);
        stopwatch.Stop();
        var after = await client.ExecuteAsync(sandboxId, "try:\n    print(kept)\nexcept NameError:\n    print('gone')");

        Assert.True(timedOut.Structured().GetProperty("timed_out").GetBoolean());
        Assert.Equal(124, timedOut.Structured().GetProperty("exit_code").GetInt32());
        Assert.True(timedOut.Structured().GetProperty("state_reset").GetBoolean());
        Assert.InRange(stopwatch.Elapsed.TotalSeconds, 1.9, 6);
        Assert.True(after.IsError is not true, ToolCalls.Text(after));
        Assert.Equal("gone\n", after.Output());
    }

    [DockerFact]
    public async Task Execute_LongerThanOrleansDefaultTimeout()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();

        var result = await client.ExecuteAsync(sandboxId, "import time\ntime.sleep(33)\nprint('done')", timeout: 45);

        Assert.True(result.IsError is not true, ToolCalls.Text(result));
        Assert.Equal("done\n", result.Output());
    }

    [DockerFact]
    public async Task Execute_UnknownSandboxIsError()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);

        var result = await client.ExecuteAsync("sbx-00000000000000000000000000000000", "print(1)");

        Assert.True(result.IsError);
        Assert.Contains("was not found", ToolCalls.Text(result));
        Assert.Contains("create_sandbox", ToolCalls.Text(result));
        Assert.False(result.Structured().GetProperty("success").GetBoolean());
    }

    [DockerFact]
    public async Task Execute_InvalidArgumentsAreErrors()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();

        var negative = await client.ExecuteAsync(sandboxId, "print(1)", timeout: -5);
        var tooLong = await client.ExecuteAsync(sandboxId, "print(1)", timeout: 100_000);
        var badId = await client.ExecuteAsync("../../etc/passwd", "print(1)");

        Assert.True(negative.IsError);
        Assert.Contains("Invalid timeout -5", ToolCalls.Text(negative));
        Assert.True(tooLong.IsError);
        Assert.Contains("from 1 to 300 seconds", ToolCalls.Text(tooLong));
        Assert.True(badId.IsError);
        Assert.Contains("was not found", ToolCalls.Text(badId));
    }

    [DockerFact]
    public async Task Execute_FullQueueRejectsExtraCalls()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();

        // One running and eight waiting fit; the rest of twelve are rejected at once.
        var calls = Enumerable.Range(0, 12).Select(_ => client.ExecuteAsync(sandboxId, "import time\ntime.sleep(0.5)", timeout: 30)).ToList();
        var results = await Task.WhenAll(calls);

        var rejected = results.Where(result => result.IsError == true).ToList();
        Assert.Equal(3, rejected.Count);
        Assert.All(rejected, result => Assert.Contains("queue limit 8", ToolCalls.Text(result)));
        Assert.Equal(9, results.Count(result => result.IsError is not true && result.Structured().GetProperty("success").GetBoolean()));
    }

    [DockerFact]
    public async Task Remove_RecentlyUsedNeedsForce()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();
        var containersBefore = await ContainersOf(sandboxId);

        var refused = await client.CallAsync("remove_sandbox", new { sandbox_id = sandboxId });
        var removed = await client.CallAsync("remove_sandbox", new { sandbox_id = sandboxId, force = true });
        var afterRemoval = await client.ExecuteAsync(sandboxId, "print(1)");

        Assert.True(refused.IsError);
        Assert.Contains("force=true", ToolCalls.Text(refused));
        Assert.False(removed.IsError);
        Assert.True(removed.Structured().GetProperty("success").GetBoolean());
        Assert.Single(containersBefore);
        Assert.Empty(await ContainersOf(sandboxId));
        Assert.True(afterRemoval.IsError);
    }

    [DockerFact]
    public async Task List_ShowsOwnSandboxesOnly()
    {
        await using var tenantA = await Cluster.ConnectAsync(Cluster.TenantAKey);
        await using var tenantB = await Cluster.ConnectAsync(Cluster.TenantBKey);
        var ownId = await tenantA.CreateSandboxAsync();
        var otherId = await tenantB.CreateSandboxAsync();
        await tenantA.CallAsync("remove_sandbox", new { sandbox_id = ownId, force = true });
        var liveId = await tenantA.CreateSandboxAsync();

        var active = (await tenantA.CallAsync("list_sandboxes")).Structured();
        var all = (await tenantA.CallAsync("list_sandboxes", new { include_inactive = true })).Structured();

        var activeIds = active.GetProperty("sandboxes").EnumerateArray().Select(item => item.GetProperty("id").GetString()).ToList();
        var allIds = all.GetProperty("sandboxes").EnumerateArray().Select(item => item.GetProperty("id").GetString()).ToList();
        Assert.Contains(liveId, activeIds);
        Assert.DoesNotContain(ownId, activeIds);
        Assert.DoesNotContain(otherId, activeIds);
        Assert.Contains(ownId, allIds);
        Assert.DoesNotContain(otherId, allIds);
        Assert.Equal(activeIds.Count, active.GetProperty("count").GetInt32());
    }

    [DockerFact]
    public async Task OtherTenantSandbox_LooksUnknown()
    {
        await using var tenantA = await Cluster.ConnectAsync(Cluster.TenantAKey);
        await using var tenantB = await Cluster.ConnectAsync(Cluster.TenantBKey);
        var sandboxId = await tenantA.CreateSandboxAsync();
        var unknownId = "sbx-" + new string('0', 32);

        var foreign = await tenantB.ExecuteAsync(sandboxId, "print('stolen')");
        var unknown = await tenantB.ExecuteAsync(unknownId, "print('stolen')");
        var foreignRemoval = await tenantB.CallAsync("remove_sandbox", new { sandbox_id = sandboxId, force = true });
        var stillThere = await tenantA.ExecuteAsync(sandboxId, "print('mine')");

        Assert.True(foreign.IsError);
        Assert.Equal(ToolCalls.Text(unknown).Replace(unknownId, "ID"), ToolCalls.Text(foreign).Replace(sandboxId, "ID"));
        Assert.True(foreignRemoval.IsError);
        Assert.Equal("mine\n", stillThere.Output());
    }

    [DockerFact]
    public async Task InstallPackage_DisabledByDefault()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();

        var result = await client.CallAsync("install_package", new { sandbox_id = sandboxId, package = "tabulate==0.9.0" });

        Assert.True(result.IsError);
        Assert.Contains("disabled", ToolCalls.Text(result));
        Assert.Contains("ALLOW_PACKAGE_INSTALL", ToolCalls.Text(result));
    }

    [DockerFact]
    public async Task IdleSandbox_ExpiresAndLosesContainer()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync(timeout: 2);
        Assert.Single(await ContainersOf(sandboxId));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((await ContainersOf(sandboxId)).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        var afterExpiry = await client.ExecuteAsync(sandboxId, "print(1)");
        Assert.Empty(await ContainersOf(sandboxId));
        Assert.True(afterExpiry.IsError);
        Assert.Contains("was not found", ToolCalls.Text(afterExpiry));
    }

    [DockerFact]
    public async Task Concurrency_TwentyClientsGetTheirOwnResults()
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Cluster.ConnectAsync(Cluster.TenantBKey)));
        try
        {
            var outcomes = await Task.WhenAll(clients.Select(async (client, index) =>
            {
                var sandboxId = await client.CreateSandboxAsync();
                await client.ExecuteAsync(sandboxId, $"n = {index * 1000}");
                var outputs = new List<string>();
                for (var call = 1; call <= 10; call++)
                {
                    outputs.Add((await client.ExecuteAsync(sandboxId, "n += 1\nprint(n)")).Output());
                }

                await client.CallAsync("remove_sandbox", new { sandbox_id = sandboxId, force = true });
                return (index, outputs);
            }));

            foreach (var (index, outputs) in outcomes)
            {
                Assert.Equal(Enumerable.Range(1, 10).Select(call => $"{(index * 1000) + call}\n"), outputs);
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [DockerFact]
    public async Task MissingOrWrongKey_GetsUnauthorized()
    {
        using var http = new HttpClient();
        var body = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}""", System.Text.Encoding.UTF8, "application/json");

        using var missing = await http.PostAsync(Cluster.McpEndpoint, body);
        using var request = new HttpRequestMessage(HttpMethod.Post, Cluster.McpEndpoint) { Content = body };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "omcp_wrong");
        using var wrong = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Contains("Bearer", missing.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("Bearer", wrong.Headers.WwwAuthenticate.ToString());
    }

    [DockerFact]
    public async Task Healthz_ReportsReachableCluster()
    {
        using var http = new HttpClient();

        var health = await http.GetFromJsonAsync<JsonElement>(new Uri($"http://127.0.0.1:{Cluster.Port}/healthz"));

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(1, health.GetProperty("active_silos").GetInt32());
    }

    private async Task<List<string>> ContainersOf(string sandboxId) =>
        [.. (await Cluster.ListContainersAsync()).Where(container => container.Labels["omcp.sandbox-id"] == sandboxId).Select(container => container.ID)];
}
