using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using OmcpSandbox.Testing;

namespace OmcpSandbox.EndToEnd.Tests;

/// <summary>
/// Two silos and a front end on ADO.NET clustering, each test on a fresh database: a silo killed with SIGKILL
/// and a silo stopped with SIGTERM.
/// </summary>
public sealed class ScaleOutTests
{
    // Prints the marker a session set, or None in a fresh interpreter.
    private const string ReadMarker = "try:\n    print(marker)\nexcept NameError:\n    print(None)";

    // How long after a kill a create may still be placed on the dead silo and fail: membership declares the silo
    // dead after about 2 missed 1 s probes, and the load board drops its report after 5 s.
    private static readonly TimeSpan _detectionWindow = TimeSpan.FromSeconds(10);

    // How long one tool call may take in these tests. The front end's cluster timeout of 20 s is below it.
    private static readonly TimeSpan _callTimeout = TimeSpan.FromSeconds(30);

    [ScaleOutFact]
    public async Task SiloKilled_SessionsRecoverOnSurvivor()
    {
        await using var database = await ScratchDatabase.CreateAsync("omcp_scale_kill");
        await using var cluster = await ServiceCluster.StartAsync(new ServiceClusterOptions
        {
            SiloCount = 2,
            ConnectionString = database.ConnectionString,
            SiloSettings = new Dictionary<string, string>
            {
                // A killed silo is declared dead after about 2 missed 1 s probes instead of 15 s or more.
                ["Membership__ProbeTimeout"] = "00:00:01",
                ["Membership__NumMissedProbesLimit"] = "2",
                ["Membership__TableRefreshTimeout"] = "00:00:02",
                ["Sessions__MaxExecutionTimeout"] = "00:00:30",
            },
            FrontendSettings = new Dictionary<string, string> { ["Frontend__ResponseTimeout"] = "00:00:20" },
        });
        await using var client = await cluster.ConnectAsync(cluster.TenantAKey);
        using var admin = cluster.CreateHttpClient(cluster.AdminKey);
        var placed = await CreateOnBothSilosAsync(cluster, client, admin);
        var victimName = cluster.SiloNames[1];
        var victimSessions = placed.Where(entry => entry.Value == victimName).Select(entry => entry.Key).ToList();
        var survivorSessions = placed.Where(entry => entry.Value != victimName).Select(entry => entry.Key).ToList();

        var killedAt = Stopwatch.StartNew();
        cluster.Silos[1].Signal("KILL");
        Assert.True(await cluster.Silos[1].WaitForExitAsync(TimeSpan.FromSeconds(10)), "The killed silo did not exit.");

        var pending = new HashSet<string>(victimSessions);
        var failures = new List<string>();
        var createFailures = new List<string>();
        var creates = 0;
        var slowest = TimeSpan.Zero;
        while (pending.Count > 0 && killedAt.Elapsed < TimeSpan.FromSeconds(75))
        {
            foreach (var sandboxId in pending.ToList())
            {
                var (result, elapsed, error) = await CallBoundedAsync(client, sandboxId, ReadMarker);
                slowest = elapsed > slowest ? elapsed : slowest;
                if (result is not null && result.IsError is not true)
                {
                    Assert.True(result.Structured().GetProperty("state_reset").GetBoolean(), ToolCalls.Text(result));
                    Assert.Equal("None\n", result.Output());
                    pending.Remove(sandboxId);
                }
                else
                {
                    failures.Add($"{killedAt.Elapsed.TotalSeconds:0.0} s: {error ?? ToolCalls.Text(result!)}");
                }
            }

            // Each new session is ended at once, so the survivor's capacity of 40 is never the limit.
            creates++;
            var created = await client.CallAsync("create_sandbox");
            if (created.IsError == true)
            {
                createFailures.Add($"{killedAt.Elapsed.TotalSeconds:0.0} s: {ToolCalls.Text(created)}");
                Assert.Contains("could not be reached", ToolCalls.Text(created));
                Assert.True(
                    killedAt.Elapsed < _detectionWindow,
                    $"A create failed {killedAt.Elapsed.TotalSeconds:0.0} s after the kill: {ToolCalls.Text(created)}\n{cluster.RecentOutput()}");
            }
            else
            {
                using var ended = await admin.DeleteAsync($"admin/api/sessions/{created.Structured().GetProperty("sandbox_id").GetString()}");
            }

            await Task.Delay(500);
        }

        var recoveredAfter = killedAt.Elapsed;
        Assert.True(pending.Count == 0, $"{pending.Count} sessions of the killed silo did not recover within 75 s. Failures:\n" +
                                        string.Join('\n', failures) + "\n" + cluster.RecentOutput());
        Assert.True(slowest < _callTimeout + TimeSpan.FromSeconds(5), $"The slowest call took {slowest.TotalSeconds:0.0} s.");
        for (var index = 0; index < 3; index++)
        {
            var created = await client.CallAsync("create_sandbox");
            Assert.True(created.IsError is not true, ToolCalls.Text(created));
        }

        await AssertStateKeptAsync(client, survivorSessions);

        var leftover = await WaitForNoContainersAsync(cluster, victimName, TimeSpan.FromSeconds(60) - killedAt.Elapsed);
        Assert.True(leftover == 0, $"{leftover} containers of the killed silo were still there 60 s after the kill.\n" + cluster.RecentOutput());
        var silos = await admin.GetFromJsonAsync<JsonElement>("admin/api/silos");
        var listed = silos.GetProperty("silos").EnumerateArray().Select(silo => silo.GetProperty("name").GetString()).ToList();
        Assert.Equal([cluster.SiloNames[0]], listed);
        Console.WriteLine(
            $"Killed-silo sessions recovered {recoveredAfter.TotalSeconds:0.0} s after the kill, with {failures.Count} failed calls before; " +
            $"slowest call {slowest.TotalSeconds:0.0} s; {createFailures.Count} of {creates} creates failed: {string.Join("; ", createFailures)}");
    }

    [ScaleOutFact]
    public async Task SiloStopped_RemovesContainersBeforeExit()
    {
        await using var database = await ScratchDatabase.CreateAsync("omcp_scale_stop");
        await using var cluster = await ServiceCluster.StartAsync(new ServiceClusterOptions { SiloCount = 2, ConnectionString = database.ConnectionString });
        await using var client = await cluster.ConnectAsync(cluster.TenantAKey);
        using var admin = cluster.CreateHttpClient(cluster.AdminKey);
        var placed = await CreateOnBothSilosAsync(cluster, client, admin);
        var stoppedName = cluster.SiloNames[1];
        var stoppedSessions = placed.Where(entry => entry.Value == stoppedName).Select(entry => entry.Key).ToList();
        var before = await cluster.ListContainersAsync();

        cluster.Silos[1].Signal("TERM");
        var exited = await cluster.Silos[1].WaitForExitAsync(TimeSpan.FromSeconds(60));
        var after = await cluster.ListContainersAsync();

        Assert.True(exited, "The silo did not stop within 60 s of SIGTERM.\n" + cluster.RecentOutput());
        Assert.Contains(before, container => container.Labels["omcp.silo"] == stoppedName);
        Assert.DoesNotContain(after, container => container.Labels["omcp.silo"] == stoppedName);
        await AssertStateKeptAsync(client, placed.Where(entry => entry.Value == cluster.SiloNames[0]).Select(entry => entry.Key));

        // Deactivation wrote each session's state, so its execution count survives and the next call resets state.
        foreach (var sandboxId in stoppedSessions)
        {
            var run = await client.ExecuteAsync(sandboxId, ReadMarker);
            Assert.True(run.IsError is not true, ToolCalls.Text(run));
            Assert.True(run.Structured().GetProperty("state_reset").GetBoolean(), ToolCalls.Text(run));
        }

        var sessions = await admin.GetFromJsonAsync<JsonElement>("admin/api/sessions");
        foreach (var session in sessions.GetProperty("sessions").EnumerateArray())
        {
            if (stoppedSessions.Contains(session.GetProperty("sandbox_id").GetString()!))
            {
                Assert.Equal(cluster.SiloNames[0], session.GetProperty("silo").GetString());
                Assert.Equal(2, session.GetProperty("execution_count").GetInt64());
            }
        }
    }

    /// <summary>
    /// Creates sessions until each silo has at least two, runs one execution in each that sets <c>marker</c> to
    /// the sandbox id, and returns the silo name of every session from the admin API.
    /// </summary>
    private static async Task<Dictionary<string, string>> CreateOnBothSilosAsync(ServiceCluster cluster, McpClient client, HttpClient admin)
    {
        var placed = new Dictionary<string, string>();
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var sandboxId = await client.CreateSandboxAsync();
            var run = await client.ExecuteAsync(sandboxId, $"marker = '{sandboxId}'");
            Assert.True(run.IsError is not true, ToolCalls.Text(run));

            var sessions = await admin.GetFromJsonAsync<JsonElement>("admin/api/sessions");
            placed = sessions.GetProperty("sessions").EnumerateArray().ToDictionary(
                session => session.GetProperty("sandbox_id").GetString()!, session => session.GetProperty("silo").GetString()!);
            if (cluster.SiloNames.All(name => placed.Values.Count(silo => silo == name) >= 2))
            {
                return placed;
            }
        }

        Assert.Fail("16 sessions did not reach both silos twice: " + string.Join(", ", placed.Values));
        return placed;
    }

    // Sessions whose silo lived on must keep their interpreter state: the silo uses Orleans' distributed grain
    // directory, so a silo that leaves does not take the directory entries of other silos' activations with it.
    private static async Task AssertStateKeptAsync(McpClient client, IEnumerable<string> sandboxIds)
    {
        foreach (var sandboxId in sandboxIds)
        {
            var run = await client.ExecuteAsync(sandboxId, ReadMarker);
            Assert.True(run.IsError is not true, ToolCalls.Text(run));
            Assert.False(run.Structured().GetProperty("state_reset").GetBoolean(), $"{sandboxId}: {ToolCalls.Text(run)}");
            Assert.Equal(sandboxId + "\n", run.Output());
        }
    }

    private static async Task<(ModelContextProtocol.Protocol.CallToolResult? Result, TimeSpan Elapsed, string? Error)> CallBoundedAsync(
        McpClient client, string sandboxId, string code)
    {
        var watch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(_callTimeout);
        try
        {
            var result = await client.CallToolAsync(
                "execute_python_code", new Dictionary<string, object?> { ["sandbox_id"] = sandboxId, ["code"] = code }, cancellationToken: timeout.Token);
            return (result, watch.Elapsed, null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return (null, watch.Elapsed, $"timed out after {_callTimeout.TotalSeconds:0} s");
        }
        catch (McpException exception)
        {
            return (null, watch.Elapsed, exception.Message);
        }
    }

    private static async Task<int> WaitForNoContainersAsync(ServiceCluster cluster, string siloName, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var count = (await cluster.ListContainersAsync()).Count(container => container.Labels["omcp.silo"] == siloName);
            if (count == 0 || DateTime.UtcNow >= deadline)
            {
                return count;
            }

            await Task.Delay(1000);
        }
    }
}

/// <summary>
/// A fact that needs Docker, the sandbox image and PostgreSQL. It is skipped with the reason when one is missing,
/// except under CI, where it runs and fails.
/// </summary>
public sealed class ScaleOutFactAttribute : FactAttribute
{
    public ScaleOutFactAttribute()
    {
        if (!TestEnvironment.IsCi && (TestEnvironment.DockerProblem ?? TestEnvironment.PostgresProblem) is { } problem)
        {
            Skip = problem;
        }
    }
}
