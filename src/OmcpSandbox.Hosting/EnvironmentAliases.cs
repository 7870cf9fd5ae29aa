using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace OmcpSandbox.Hosting;

/// <summary>
/// Maps the flat environment variable names that users of the original Python service know (such as
/// <c>SANDBOX_TIMEOUT</c>) onto the configuration keys the options are bound from.
/// </summary>
public static class EnvironmentAliases
{
    private static readonly (string Variable, string Key, Func<string, string> Convert)[] _aliases =
    [
        ("DOCKER_HOST", "Sandbox:DockerEndpoint", Same),
        ("DOCKER_IMAGE", "Sandbox:Image", Same),
        ("SANDBOX_MEMORY", "Sandbox:Memory", Same),
        ("SANDBOX_CPUS", "Sandbox:Cpus", Same),
        ("SANDBOX_PIDS_LIMIT", "Sandbox:PidsLimit", Same),
        ("SANDBOX_READ_ONLY", "Sandbox:ReadOnly", Same),
        ("SANDBOX_NETWORK", "Sandbox:Network", Same),
        ("SANDBOX_OUTPUT_LIMIT", "Sandbox:OutputLimitBytes", Same),
        ("SANDBOX_WHEEL_DIR", "Sandbox:WheelDirectory", Same),
        ("SANDBOX_TIMEOUT", "Sessions:IdleTimeout", Seconds),
        ("SANDBOX_MAX_EXECUTION_TIMEOUT", "Sessions:MaxExecutionTimeout", Seconds),
        ("MAX_SANDBOXES", "Sessions:MaxSandboxes", Same),
        ("ALLOW_PACKAGE_INSTALL", "Sessions:PackageInstall:Enabled", Same),
        ("ALLOW_UNSAFE_SQL", "Omop:AllowUnsafeSql", Same),
        ("OMCP_CLUSTER_ID", "Clustering:ClusterId", Same),
        ("OMCP_PORT", "Frontend:Port", Same),
        ("OMCP_BIND", "Frontend:BindAddress", Same),
        ("OMCP_API_KEYS", "Auth:KeyList", Same),
    ];

    /// <summary>Adds the aliased variables that are set, so they override <c>appsettings.json</c>.</summary>
    public static IConfigurationBuilder AddEnvironmentAliases(this IConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (variable, key, convert) in _aliases)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                values[key] = convert(value);
            }
        }

        return builder.AddInMemoryCollection(values);
    }

    private static string Same(string value) => value;

    // The original service gives these in seconds, while TimeSpan binding would read "300" as 300 days.
    private static string Seconds(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture)
            : value;
}
