using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using OmcpSandbox.Testing;
using Xunit.Abstractions;

namespace OmcpSandbox.Validation.Tests;

/// <summary>
/// Runs the in-sandbox checker omcp_policy.py from the source tree inside the sandbox image over every case and
/// checks that it blocks and allows exactly what the C# validator does.
/// </summary>
public sealed class ParityTests(ITestOutputHelper output)
{
    [DockerFact]
    public async Task PythonChecker_AllCases_AgreesWithValidator()
    {
        var options = new PythonValidationOptions();
        var validator = new PythonCodeValidator(options);
        var cases = CaseFile.ReadAll().Concat(ValidatorCases.AsCases()).ToList();
        var pythonResults = await RunPythonCheckerAsync(options.ToRunnerPolicy(), cases);

        var disagreements = new List<string>();
        foreach (var validatorCase in cases)
        {
            var failure = validator.Validate(validatorCase.Code);
            var python = pythonResults[validatorCase.Id];
            var pythonRule = python?["rule"]?.GetValue<string>();
            if (failure is null != python is null || pythonRule == "crash")
            {
                disagreements.Add($"{validatorCase.Id}: C# {failure?.Rule ?? "allow"}, Python {pythonRule ?? "allow"} {python?["message"]}");
            }
            else if (failure is not null && failure.Rule != pythonRule)
            {
                output.WriteLine($"{validatorCase.Id}: rules differ, C# {failure.Rule} '{failure.Name}', Python {pythonRule} '{python?["name"]}'");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    private static async Task<Dictionary<string, JsonNode?>> RunPythonCheckerAsync(JsonObject policy, List<ValidatorCase> cases)
    {
        var request = new JsonObject
        {
            ["policy"] = policy,
            ["cases"] = new JsonArray([.. cases.Select(c => (JsonNode)new JsonObject { ["id"] = c.Id, ["code"] = c.Code })]),
        };
        var parityDirectory = Path.Combine(AppContext.BaseDirectory, "Parity");
        var start = new ProcessStartInfo("docker")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "run", "--rm", "-i", "--pull", "never", "--network", "none", "--entrypoint", "python3",
            "-v", $"{parityDirectory}:/check:ro", TestEnvironment.SandboxImage!, "/check/driver.py",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        try
        {
            await process.StandardInput.WriteAsync(request.ToJsonString());
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // docker exited before reading its input, and the exit code and standard error checked below give the reason.
        }

        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"docker run exited with {process.ExitCode}: {await standardError}");

        var results = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var line in (await standardOutput).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var node = JsonNode.Parse(line)!;
            results[node["id"]!.GetValue<string>()] = node["result"];
        }

        return results;
    }
}
