using Microsoft.Extensions.Options;

namespace OmcpSandbox.Grains.Sessions;

/// <summary>Checks <see cref="SessionOptions"/> at start, with messages that name the setting to change.</summary>
public sealed class SessionOptionsValidator : IValidateOptions<SessionOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionOptions options)
    {
        var failures = new List<string>();
        if (options.IdleTimeout < TimeSpan.FromSeconds(1) || options.IdleTimeout > options.MaxIdleTimeout)
        {
            failures.Add($"Sessions:IdleTimeout (SANDBOX_TIMEOUT) is {options.IdleTimeout}; set from 1 s up to Sessions:MaxIdleTimeout ({options.MaxIdleTimeout}).");
        }

        if (options.MaxSandboxes is < 1 or > 10_000)
        {
            failures.Add($"Sessions:MaxSandboxes (MAX_SANDBOXES) is {options.MaxSandboxes}; set from 1 to 10000.");
        }

        if (options.QueueLimit is < 0 or > 1000)
        {
            failures.Add($"Sessions:QueueLimit is {options.QueueLimit}; set from 0 to 1000.");
        }

        if (options.DefaultExecutionTimeout <= TimeSpan.Zero || options.DefaultExecutionTimeout > options.MaxExecutionTimeout)
        {
            failures.Add($"Sessions:DefaultExecutionTimeout is {options.DefaultExecutionTimeout}; set above 0 and at most Sessions:MaxExecutionTimeout ({options.MaxExecutionTimeout}).");
        }

        if (options.PackageInstall.Enabled && options.PackageInstall.AllowedPackages.Count == 0)
        {
            failures.Add("Sessions:PackageInstall:Enabled is true but Sessions:PackageInstall:AllowedPackages is empty; list the package names that may be installed.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
