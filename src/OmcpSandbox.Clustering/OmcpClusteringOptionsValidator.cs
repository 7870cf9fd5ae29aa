using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;

namespace OmcpSandbox.Clustering;

/// <summary>Validates <see cref="OmcpClusteringOptions"/>; each failure names the configuration key to fix.</summary>
public sealed class OmcpClusteringOptionsValidator : IValidateOptions<OmcpClusteringOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OmcpClusteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"Clustering:Provider '{options.Provider}' is invalid; set it to Localhost or AdoNet.");
        }

        if (options.Provider == ClusteringProvider.AdoNet)
        {
            ValidateConnectionString(options.ConnectionString, failures);
        }

        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add("Clustering:ClusterId is empty; set it to the cluster's name (default 'omcp').");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add("Clustering:ServiceId is empty; set it to the service's name (default 'omcp').");
        }

        ValidatePort("SiloPort", options.SiloPort, failures);
        ValidatePort("GatewayPort", options.GatewayPort, failures);
        if (options.PrimarySiloPort is { } primary)
        {
            ValidatePort("PrimarySiloPort", primary, failures);
        }

        foreach (var port in options.GatewayPorts ?? [])
        {
            ValidatePort("GatewayPorts", port, failures);
        }

        if (options.SiloPort == options.GatewayPort)
        {
            failures.Add($"Clustering:SiloPort and Clustering:GatewayPort are both {options.SiloPort}; give each its own port.");
        }

        if (!IPAddress.TryParse(options.AdvertisedIp, out _))
        {
            failures.Add($"Clustering:AdvertisedIp '{options.AdvertisedIp}' is not an IP address; set it to one such as 127.0.0.1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateConnectionString(string? connectionString, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add("Clustering:ConnectionString is missing; AdoNet clustering needs a PostgreSQL connection string "
                + "such as 'Host=127.0.0.1;Port=5432;Username=omcp;Database=omcp'.");
            return;
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            // The exception message names the bad keyword, never the password value.
            failures.Add($"Clustering:ConnectionString is not a valid Npgsql connection string: {exception.Message}");
        }
    }

    private static void ValidatePort(string key, int port, List<string> failures)
    {
        if (port is < 1 or > 65535)
        {
            failures.Add($"Clustering:{key} {port} is out of range; set a TCP port from 1 to 65535.");
        }
    }
}
