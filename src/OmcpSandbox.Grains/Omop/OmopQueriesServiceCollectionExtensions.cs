using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using OmcpSandbox.Grains.Sessions;
using OmcpSandbox.Omop;
using OmcpSandbox.Omop.Query;
using OmcpSandbox.Sandboxing;

namespace OmcpSandbox.Grains.Omop;

/// <summary>Registers the OMOP query grain's services and the sandbox call handler on a silo.</summary>
public static class OmopQueriesServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="OmopQueryGateway"/> and <see cref="OmopCallHandlerFactory"/>. When the configuration carries the
    /// reader password (<c>OMOP_DB_PASSWORD</c> or <c>Omop:ReaderPassword</c>) it also adds the OMOP options,
    /// validated at start, and the query service. Without it every OMOP query returns the <c>not_configured</c> fault.
    /// When the sandboxes are attached to a Docker network (<c>SANDBOX_NETWORK</c>) and OMOP is configured, the
    /// reader role's settings are passed to every container as <c>OMOP_DB_*</c> environment variables, so code there
    /// can use a database driver directly.
    /// </summary>
    public static IServiceCollection AddOmopQueries(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new OmopOptions();
        OmopConfiguration.Bind(configuration, options);
        var configured = !string.IsNullOrEmpty(options.ReaderPassword);
        if (configured)
        {
            services.AddOmop(configuration);
            services.PostConfigure<SandboxOptions>(sandbox => AddDriverSettings(sandbox, options));
        }

        services.TryAddSingleton(provider => new OmopQueryGateway(
            configured ? provider.GetRequiredService<OmopQueryService>() : null,
            provider.GetRequiredService<ILogger<OmopQueryGateway>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISessionCallHandlerFactory, OmopCallHandlerFactory>());
        return services;
    }

    private static void AddDriverSettings(SandboxOptions sandbox, OmopOptions omop)
    {
        if (sandbox.Network.Length == 0 || sandbox.Network == "none")
        {
            return;
        }

        // NOTE: the host is passed as the silo uses it. A loopback host such as the default 127.0.0.1 names the
        // container itself there, so driver access needs a host name that the sandbox network resolves.
        sandbox.Environment[OmopConfiguration.HostKey] = omop.Host;
        sandbox.Environment[OmopConfiguration.PortKey] = omop.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        sandbox.Environment[OmopConfiguration.DatabaseKey] = omop.Database;
        sandbox.Environment[OmopConfiguration.UserKey] = omop.ReaderUser;
        sandbox.Environment[OmopConfiguration.PasswordKey] = omop.ReaderPassword!;
    }
}
