using Microsoft.Extensions.Options;

namespace OmcpSandbox.Sandboxing;

/// <summary>Checks <see cref="SandboxOptions"/> at start, with messages that name the setting to change.</summary>
public sealed class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Image))
        {
            failures.Add("Sandbox:Image (DOCKER_IMAGE) is empty. Build the image with './omcp image' and set DOCKER_IMAGE to its tag.");
        }

        CheckSize(failures, "Sandbox:Memory (SANDBOX_MEMORY)", options.Memory, minimum: 16 * 1024 * 1024);
        CheckSize(failures, "Sandbox:TmpSize", options.TmpSize, minimum: 1024 * 1024);
        CheckSize(failures, "Sandbox:WorkspaceSize", options.WorkspaceSize, minimum: 1024 * 1024);
        if (options.Cpus is <= 0 or > 64)
        {
            failures.Add($"Sandbox:Cpus (SANDBOX_CPUS) is {options.Cpus}; set a number of cores above 0, such as 0.5.");
        }

        if (options.PidsLimit < 8)
        {
            failures.Add($"Sandbox:PidsLimit (SANDBOX_PIDS_LIMIT) is {options.PidsLimit}; the interpreter needs at least 8.");
        }

        if (options.OutputLimitBytes is < 1024 or > 64 * 1024 * 1024)
        {
            failures.Add($"Sandbox:OutputLimitBytes is {options.OutputLimitBytes}; set a value from 1024 to 67108864.");
        }

        if (NetworkPolicy.Check(options.Network) is { } networkProblem)
        {
            failures.Add(networkProblem);
        }

        if (options.WheelDirectory.Length > 0 && !Path.IsPathRooted(options.WheelDirectory))
        {
            failures.Add($"Sandbox:WheelDirectory is '{options.WheelDirectory}'; set an absolute host path.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckSize(List<string> failures, string setting, string value, long minimum)
    {
        if (!ByteSize.TryParse(value, out var bytes) || bytes < minimum)
        {
            failures.Add($"{setting} is '{value}'; set a size such as 512m, of at least {ByteSize.Format(minimum)}.");
        }
    }
}
