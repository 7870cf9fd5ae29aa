using System.Diagnostics;
using OmcpSandbox.Testing;

namespace OmcpSandbox.EndToEnd.Tests;

/// <summary>The deployment description in docker-compose.yml, checked by docker-compose itself.</summary>
public sealed class ComposeTests
{
    private static readonly Dictionary<string, string> _requiredVariables = new()
    {
        ["POSTGRES_PASSWORD"] = "compose-test",
        ["OMCP_API_KEYS"] = new string('0', 64) + ":ops:admin",
        ["DOCKER_IMAGE"] = "omcp-sandbox:compose-test",
    };

    [ComposeFact]
    public async Task ComposeFile_PassesConfigCheck()
    {
        var (exitCode, output) = await RunComposeAsync(_requiredVariables, "config", "-q");

        Assert.True(exitCode == 0, output);
    }

    [ComposeFact]
    public async Task ComposeFile_ListsServices()
    {
        var (exitCode, output) = await RunComposeAsync(_requiredVariables, "config", "--services");

        Assert.True(exitCode == 0, output);
        var services = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order().ToList();
        Assert.Equal(["frontend", "postgres", "silo"], services);
    }

    [ComposeTheory]
    [InlineData("POSTGRES_PASSWORD")]
    [InlineData("OMCP_API_KEYS")]
    [InlineData("DOCKER_IMAGE")]
    public async Task ComposeFile_RequiresVariable(string variable)
    {
        var variables = _requiredVariables.Where(pair => pair.Key != variable).ToDictionary();

        var (exitCode, output) = await RunComposeAsync(variables, "config", "-q");

        Assert.NotEqual(0, exitCode);
        Assert.Contains(variable, output);
    }

    private static async Task<(int ExitCode, string Output)> RunComposeAsync(IReadOnlyDictionary<string, string> variables, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("docker-compose")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        startInfo.ArgumentList.Add("-f");
        startInfo.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "docker-compose.yml"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Only the given variables are set, so the outcome does not depend on the caller's environment.
        foreach (var name in _requiredVariables.Keys.Append("OMCP_PORT").Append("OMCP_CLUSTER_ID").Append("MAX_SANDBOXES"))
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in variables)
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}

/// <summary>
/// Finds docker-compose on PATH. Tests that need it are skipped with the reason when it is missing, except under
/// CI, where <c>./omcp test</c> installs it and they run and fail.
/// </summary>
internal static class ComposeEnvironment
{
    public static readonly string? Problem = FindProblem();

    private static string? FindProblem()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var found = path.Split(':', StringSplitOptions.RemoveEmptyEntries).Any(directory => File.Exists(Path.Combine(directory, "docker-compose")));
        return found ? null : "docker-compose is not on PATH; install the Debian package docker-compose or run the tests with ./omcp test";
    }
}

/// <summary>A fact that needs docker-compose; skipped as <see cref="ComposeEnvironment"/> describes.</summary>
public sealed class ComposeFactAttribute : FactAttribute
{
    public ComposeFactAttribute()
    {
        if (!TestEnvironment.IsCi && ComposeEnvironment.Problem is { } problem)
        {
            Skip = problem;
        }
    }
}

/// <summary>A theory that needs docker-compose; skipped as <see cref="ComposeEnvironment"/> describes.</summary>
public sealed class ComposeTheoryAttribute : TheoryAttribute
{
    public ComposeTheoryAttribute()
    {
        if (!TestEnvironment.IsCi && ComposeEnvironment.Problem is { } problem)
        {
            Skip = problem;
        }
    }
}
