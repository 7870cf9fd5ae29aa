using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OmcpSandbox.Testing;

namespace OmcpSandbox.EndToEnd.Tests;

/// <summary>The admin API and page on the shared single-silo cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AdminApiTests(ClusterFixture fixture)
{
    private ServiceCluster Cluster => fixture.Cluster;

    [DockerTheory]
    [InlineData("GET", "admin/api/silos")]
    [InlineData("GET", "admin/api/sessions")]
    [InlineData("DELETE", "admin/api/sessions/sbx_unknown")]
    public async Task AdminApi_RejectsMissingAndAgentKeys(string method, string path)
    {
        using var anonymous = Cluster.CreateHttpClient(apiKey: null);
        using var agent = Cluster.CreateHttpClient(Cluster.TenantAKey);
        using var wrongKey = Cluster.CreateHttpClient("omcp_not_a_configured_key");

        using var anonymousResponse = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        using var agentResponse = await agent.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        using var wrongKeyResponse = await wrongKey.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymousResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, agentResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKeyResponse.StatusCode);
        var forbidden = await agentResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("forbidden", forbidden.GetProperty("error").GetString());
    }

    [DockerFact]
    public async Task ListSilos_ShowsAddressStatusAndLoad()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        await client.CreateSandboxAsync();
        using var admin = Cluster.CreateHttpClient(Cluster.AdminKey);

        // The load table catches up with the new container within one publish interval of 1 s.
        var silo = await PollAsync(async () =>
        {
            var body = await admin.GetFromJsonAsync<JsonElement>("admin/api/silos");
            var silos = body.GetProperty("silos").EnumerateArray().ToList();
            Assert.Single(silos);
            return silos[0].GetProperty("containers").ValueKind == JsonValueKind.Number && silos[0].GetProperty("containers").GetInt32() >= 1
                ? silos[0]
                : (JsonElement?)null;
        });

        Assert.Equal(Cluster.SiloNames[0], silo.GetProperty("name").GetString());
        Assert.Equal("active", silo.GetProperty("status").GetString());
        Assert.StartsWith("127.0.0.1:", silo.GetProperty("address").GetString());
        Assert.Equal(40, silo.GetProperty("capacity").GetInt32());
        Assert.True(silo.TryGetProperty("host_name", out _));
        Assert.True(silo.TryGetProperty("started_at", out _));
        Assert.True(silo.TryGetProperty("last_heartbeat_at", out _));
    }

    [DockerFact]
    public async Task ListSessions_ShowsEveryTenantsSessions()
    {
        await using var tenantA = await Cluster.ConnectAsync(Cluster.TenantAKey);
        await using var tenantB = await Cluster.ConnectAsync(Cluster.TenantBKey);
        var sandboxA = await tenantA.CreateSandboxAsync();
        var sandboxB = await tenantB.CreateSandboxAsync();
        await tenantA.ExecuteAsync(sandboxA, "x = 1");
        await tenantA.ExecuteAsync(sandboxA, "x += 1");
        using var admin = Cluster.CreateHttpClient(Cluster.AdminKey);

        var body = await admin.GetFromJsonAsync<JsonElement>("admin/api/sessions");
        var sessions = body.GetProperty("sessions").EnumerateArray().ToDictionary(session => session.GetProperty("sandbox_id").GetString()!);

        Assert.True(sessions.ContainsKey(sandboxA), body.ToString());
        Assert.True(sessions.ContainsKey(sandboxB), body.ToString());
        var a = sessions[sandboxA];
        Assert.Equal("tenant-a", a.GetProperty("tenant").GetString());
        Assert.Equal("tenant-b", sessions[sandboxB].GetProperty("tenant").GetString());
        Assert.Equal(Cluster.SiloNames[0], a.GetProperty("silo").GetString());
        Assert.StartsWith("127.0.0.1:", a.GetProperty("silo_address").GetString());
        Assert.Equal(2, a.GetProperty("execution_count").GetInt64());
        Assert.Equal(0, sessions[sandboxB].GetProperty("execution_count").GetInt64());
        Assert.Equal("active", a.GetProperty("status").GetString());
        Assert.True(a.GetProperty("last_used_at").GetDateTimeOffset() >= a.GetProperty("created_at").GetDateTimeOffset());
        Assert.Empty(body.GetProperty("unreachable").EnumerateArray());
    }

    [DockerFact]
    public async Task EndSession_RemovesContainerOfAnyTenant()
    {
        await using var tenantB = await Cluster.ConnectAsync(Cluster.TenantBKey);
        var sandboxId = await tenantB.CreateSandboxAsync();
        await tenantB.ExecuteAsync(sandboxId, "print('busy')");
        using var admin = Cluster.CreateHttpClient(Cluster.AdminKey);

        using var ended = await admin.DeleteAsync($"admin/api/sessions/{sandboxId}");
        var endedBody = await ended.Content.ReadFromJsonAsync<JsonElement>();
        using var again = await admin.DeleteAsync($"admin/api/sessions/{sandboxId}");
        var againBody = await again.Content.ReadFromJsonAsync<JsonElement>();
        var run = await tenantB.ExecuteAsync(sandboxId, "print('after')");
        var containers = await Cluster.ListContainersAsync();
        var sessions = await admin.GetFromJsonAsync<JsonElement>("admin/api/sessions");

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(sandboxId, endedBody.GetProperty("sandbox_id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("not_found", againBody.GetProperty("error").GetString());
        Assert.True(run.IsError, ToolCalls.Text(run));
        Assert.DoesNotContain(containers, container => container.Labels["omcp.sandbox-id"] == sandboxId);
        Assert.DoesNotContain(
            sessions.GetProperty("sessions").EnumerateArray(),
            session => session.GetProperty("sandbox_id").GetString() == sandboxId);
    }

    [DockerFact]
    public async Task AdminPage_ServedWithoutKey()
    {
        using var anonymous = Cluster.CreateHttpClient(apiKey: null);

        using var response = await anonymous.GetAsync("admin");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/admin/api/sessions", html);
        Assert.Contains("/admin/api/silos", html);
    }

    private static async Task<JsonElement> PollAsync(Func<Task<JsonElement?>> read)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            if (await read() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "The admin API did not show the expected value within 10 s.");
            await Task.Delay(200);
        }
    }
}
