using OmcpSandbox.Testing;

namespace OmcpSandbox.EndToEnd.Tests;

/// <summary>A cluster started without OMOP settings, whose OMOP tools explain how to configure them.</summary>
public sealed class OmopNotConfiguredTests : IClassFixture<OmopNotConfiguredTests.Fixture>
{
    private readonly Fixture _fixture;

    public OmopNotConfiguredTests(Fixture fixture) => _fixture = fixture;

    private ServiceCluster Cluster => _fixture.Cluster;

    [DockerFact]
    public async Task QueryTools_ExplainConfiguration()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);

        var results = new[]
        {
            await client.CallAsync("list_omop_tables"),
            await client.CallAsync("describe_omop_table", new { table_name = "person" }),
            await client.CallAsync("query_omop_table", new { table_name = "person" }),
            await client.CallAsync("query_omop_sql", new { sql = "SELECT 1" }),
        };

        foreach (var result in results)
        {
            OmopToolTests.AssertFailure(result, "not_configured");
            Assert.Contains("OMOP_DB_PASSWORD", ToolCalls.Text(result));
        }
    }

    [DockerFact]
    public async Task SandboxHelper_RaisesConfigurationError()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();

        var result = await client.ExecuteAsync(sandboxId, "from omcp import omop\nomop.tables()");
        var analysis = await client.CallAsync("analyze_omop_data", new { sandbox_id = sandboxId, analysis_type = "basic" });

        Assert.StartsWith("RuntimeError: OMOP queries are not configured", result.Structured().GetProperty("error").GetString());
        Assert.True(analysis.IsError);
        Assert.Equal("analysis_failed", analysis.Structured().GetProperty("reason").GetString());
        Assert.Contains("OMOP_DB_PASSWORD", ToolCalls.Text(analysis));
    }

    /// <summary>A cluster whose silo has no OMOP password, even when the test runner's environment has one.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        private ServiceCluster? _cluster;

        internal ServiceCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

        public async Task InitializeAsync()
        {
            if (TestEnvironment.DockerProblem is not null && !TestEnvironment.IsCi)
            {
                return;
            }

            _cluster = await ServiceCluster.StartAsync(new Dictionary<string, string> { ["OMOP_DB_PASSWORD"] = "" });
        }

        public async Task DisposeAsync()
        {
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }
        }
    }
}
