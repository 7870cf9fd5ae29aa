using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace OmcpSandbox.EndToEnd.Tests;

/// <summary>The <c>omcp.omop</c> helper inside real sandboxes and the <c>analyze_omop_data</c> tool.</summary>
[Collection(OmopClusterCollection.Name)]
public sealed class OmopSandboxTests(OmopClusterFixture fixture)
{
    private ServiceCluster Cluster => fixture.Cluster;

    [OmopFact]
    public async Task Sql_ReturnsDataFrame()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();

        var result = await client.ExecuteAsync(sandboxId, """
            from omcp import omop
            df = omop.sql("SELECT person_id, year_of_birth FROM person ORDER BY person_id", limit=50)
            print(type(df).__name__, len(df))
            print(list(df.columns), df.attrs["truncated"], bool(df.attrs["query_id"]))
            """);

        Assert.True(result.IsError is not true, ToolCalls.Text(result));
        Assert.Equal("DataFrame 50\n['person_id', 'year_of_birth'] True True\n", result.Output());
    }

    [OmopFact]
    public async Task Table_WithFilters_ReturnsMatchingRows()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();
        var expected = await client.CallAsync("query_omop_sql", new { sql = "SELECT count(*) FROM person WHERE gender_concept_id = 8532" });
        var females = expected.Structured().GetProperty("rows")[0][0].GetInt64();

        var result = await client.ExecuteAsync(sandboxId, """
            from omcp import omop
            df = omop.table("person", limit=1000, columns=["person_id", "gender_concept_id"], filters={"gender_concept_id": 8532})
            print(len(df), sorted(set(df["gender_concept_id"])), list(df.columns))
            empty = omop.table("person", filters={"year_of_birth": None})
            print(len(empty), "person_id" in empty.columns)
            """);

        Assert.True(result.IsError is not true, ToolCalls.Text(result));
        Assert.Equal($"{females} [8532] ['person_id', 'gender_concept_id']\n0 True\n", result.Output());
    }

    [OmopFact]
    public async Task Tables_ListsOmopTables()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();

        var result = await client.ExecuteAsync(sandboxId, "from omcp import omop\nnames = omop.tables()\nprint('person' in names, 'concept' in names)");

        Assert.Equal("True True\n", result.Output());
    }

    [OmopFact]
    public async Task PolicyRejection_RaisesRuntimeError()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();

        var caught = await client.ExecuteAsync(sandboxId, """
            from omcp import omop
            try:
                omop.sql("DELETE FROM person")
            except RuntimeError as error:
                print("RuntimeError", error)
            """);
        var uncaught = await client.ExecuteAsync(sandboxId, "omop.table('person', columns=['no_such_column'])");

        Assert.StartsWith("RuntimeError ", caught.Output());
        Assert.Contains("(reason: not_select)", caught.Output());
        Assert.False(uncaught.Structured().GetProperty("success").GetBoolean());
        Assert.StartsWith("RuntimeError: ", uncaught.Structured().GetProperty("error").GetString());
        Assert.Contains("(reason: invalid_column)", uncaught.Structured().GetProperty("error").GetString());
    }

    [OmopFact]
    public async Task Container_HasNoDatabasePassword()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();
        var query = await client.ExecuteAsync(sandboxId, "from omcp import omop\nprint(len(omop.sql('SELECT 1 AS one')))");
        var container = await ContainerOfAsync(sandboxId);

        var inspected = await Cluster.Docker.Containers.InspectContainerAsync(container.ID);
        // The runner's files, the working directory and /tmp are where a password written by the service would be.
        var (matches, errors, grepExitCode) = await ExecAsync(
            container.ID, ["grep", "-rlF", "--", fixture.ReaderPassword, "/opt/omcp", "/workspace", "/tmp"]);

        Assert.Equal("1\n", query.Output());
        Assert.Equal("none", inspected.HostConfig.NetworkMode);
        Assert.DoesNotContain(inspected.Config.Env, variable => variable.Contains(fixture.ReaderPassword, StringComparison.Ordinal));
        Assert.DoesNotContain(inspected.Config.Env, variable => variable.StartsWith("OMOP_DB_", StringComparison.Ordinal));
        Assert.Equal("", matches);
        Assert.True(grepExitCode == 1, $"grep exited with {grepExitCode}: {errors}");
    }

    [OmopFact]
    public async Task AnalyzeBasic_ReturnsRowCounts()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();
        var counts = await fixture.CountRowsAsync();

        var result = await client.CallAsync("analyze_omop_data", new { sandbox_id = sandboxId, analysis_type = "basic" });
        var analysis = AssertAnalysis(result, "basic");
        var rowCounts = analysis.GetProperty("row_counts");

        Assert.Equal(counts["person"], rowCounts.GetProperty("person").GetInt64());
        Assert.Equal(counts["condition_occurrence"], rowCounts.GetProperty("condition_occurrence").GetInt64());
        Assert.Equal(counts["measurement"], rowCounts.GetProperty("measurement").GetInt64());
        Assert.Contains("person", result.Structured().GetProperty("output").GetString());
    }

    [OmopFact]
    public async Task AnalyzeDemographics_GroupsByGenderAndDecade()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();

        var result = await client.CallAsync("analyze_omop_data", new { sandbox_id = sandboxId, analysis_type = "demographics" });
        var analysis = AssertAnalysis(result, "demographics");
        var groups = analysis.GetProperty("by_gender_and_decade").EnumerateArray().ToList();

        Assert.Equal(OmopClusterFixture.Persons, analysis.GetProperty("total_persons").GetInt32());
        Assert.Equal(OmopClusterFixture.Persons, groups.Sum(group => group.GetProperty("persons").GetInt32()));
        Assert.All(groups, group => Assert.Equal(0, group.GetProperty("birth_decade").GetInt32() % 10));
        Assert.Equal(
            OmopClusterFixture.Persons,
            analysis.GetProperty("by_gender").EnumerateObject().Sum(gender => gender.Value.GetInt32()));
    }

    [OmopFact]
    public async Task AnalyzeConditions_RanksByPersons()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();

        var result = await client.CallAsync("analyze_omop_data", new { sandbox_id = sandboxId, analysis_type = "conditions" });
        var analysis = AssertAnalysis(result, "conditions");
        var persons = analysis.GetProperty("top_conditions").EnumerateArray().Select(row => row.GetProperty("persons").GetInt32()).ToList();

        Assert.InRange(persons.Count, 1, 10);
        Assert.Equal(persons.OrderByDescending(count => count), persons);
        Assert.All(persons, count => Assert.InRange(count, 1, OmopClusterFixture.Persons));
    }

    [OmopFact]
    public async Task AnalyzeUnknownType_ListsValidTypes()
    {
        await using var client = await Cluster.ConnectAsync(Cluster.TenantAKey);
        var sandboxId = await client.CreateSandboxAsync();

        var result = await client.CallAsync("analyze_omop_data", new { sandbox_id = sandboxId, analysis_type = "survival" });

        Assert.True(result.IsError);
        Assert.False(result.Structured().GetProperty("success").GetBoolean());
        Assert.Equal("invalid_analysis_type", result.Structured().GetProperty("reason").GetString());
        Assert.Contains("basic, demographics, conditions", ToolCalls.Text(result));
    }

    [OmopFact]
    public async Task AnalyzeOtherTenantsSandbox_IsNotFound()
    {
        await using var owner = await Cluster.ConnectAsync(Cluster.TenantAKey);
        await using var other = await Cluster.ConnectAsync(Cluster.TenantBKey);
        var sandboxId = await owner.CreateSandboxAsync();

        var result = await other.CallAsync("analyze_omop_data", new { sandbox_id = sandboxId, analysis_type = "basic" });

        Assert.True(result.IsError);
        Assert.Equal("not_found", result.Structured().GetProperty("reason").GetString());
    }

    private static JsonElement AssertAnalysis(ModelContextProtocol.Protocol.CallToolResult result, string analysisType)
    {
        var content = result.Structured();
        Assert.True(result.IsError is not true, ToolCalls.Text(result));
        Assert.True(content.GetProperty("success").GetBoolean(), ToolCalls.Text(result));
        Assert.Equal(0, content.GetProperty("exit_code").GetInt32());
        Assert.Equal(analysisType, content.GetProperty("analysis_type").GetString());
        var analysis = content.GetProperty("analysis");
        Assert.Equal(analysisType, analysis.GetProperty("analysis_type").GetString());
        return analysis;
    }

    private async Task<ContainerListResponse> ContainerOfAsync(string sandboxId)
    {
        var containers = await Cluster.ListContainersAsync();
        return Assert.Single(containers, container =>
            container.Labels.TryGetValue("omcp.sandbox-id", out var id) && id == sandboxId);
    }

    private async Task<(string Stdout, string Stderr, long ExitCode)> ExecAsync(string containerId, IList<string> command)
    {
        var created = await Cluster.Docker.Exec.ExecCreateContainerAsync(
            containerId, new ContainerExecCreateParameters { Cmd = command, AttachStdout = true, AttachStderr = true });
        using (var stream = await Cluster.Docker.Exec.StartAndAttachContainerExecAsync(created.ID, tty: false))
        {
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(CancellationToken.None);
            var inspected = await Cluster.Docker.Exec.InspectContainerExecAsync(created.ID);
            return (stdout, stderr, inspected.ExitCode);
        }
    }
}
