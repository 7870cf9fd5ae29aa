using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Messaging;
using Orleans.Runtime;

namespace OmcpSandbox.Clustering;

/// <summary>Selects cluster membership and grain storage for silos and clients from configuration.</summary>
public static class OmcpClusteringExtensions
{
    /// <summary>The ADO.NET invariant name of Npgsql, which the Orleans providers use to find its factory.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>
    /// Configures the silo's cluster id, endpoints and membership provider from the <c>Clustering</c> section
    /// (and <c>Orleans</c> for the endpoint keys). With <c>AdoNet</c> the PostgreSQL schema is applied at the
    /// first lifecycle stage, before the membership table is read.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is invalid; the message names the key to fix.</exception>
    public static ISiloBuilder UseOmcpClustering(this ISiloBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = OmcpClusteringConfiguration.Read(configuration);
        AddSharedServices(builder.Services, options);

        var advertisedIp = IPAddress.Parse(options.AdvertisedIp);
        if (options.Provider == ClusteringProvider.AdoNet)
        {
            AddSchemaInitializer(builder.Services);
            builder.UseAdoNetClustering(adoNet =>
            {
                adoNet.Invariant = NpgsqlInvariant;
                adoNet.ConnectionString = options.ConnectionString;
            });
        }
        else
        {
            var primary = new IPEndPoint(advertisedIp, options.PrimarySiloPort ?? options.SiloPort);
            builder.UseLocalhostClustering(options.SiloPort, options.GatewayPort, primary, options.ServiceId, options.ClusterId);
        }

        builder.Configure<EndpointOptions>(endpoints =>
        {
            endpoints.AdvertisedIPAddress = advertisedIp;
            endpoints.SiloPort = options.SiloPort;
            endpoints.GatewayPort = options.GatewayPort;
        });
        return builder;
    }

    /// <summary>
    /// Configures the client's cluster id and gateway discovery with the same settings as the silos:
    /// the membership table with <c>AdoNet</c>, or loopback gateway ports with <c>Localhost</c>.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is invalid; the message names the key to fix.</exception>
    public static IClientBuilder UseOmcpClustering(this IClientBuilder builder, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = OmcpClusteringConfiguration.Read(configuration);
        AddSharedServices(builder.Services, options);

        if (options.Provider == ClusteringProvider.AdoNet)
        {
            builder.Services.TryAddSingleton<PostgresSchemaInitializer>();
            builder.UseAdoNetClustering(adoNet =>
            {
                adoNet.Invariant = NpgsqlInvariant;
                adoNet.ConnectionString = options.ConnectionString;
            });
            WrapGatewayListProvider(builder.Services);
        }
        else
        {
            builder.UseLocalhostClustering(options.GatewayPorts ?? [options.GatewayPort], options.ServiceId, options.ClusterId);
        }

        return builder;
    }

    /// <summary>
    /// Adds the named grain storage: Orleans ADO.NET persistence in the clustering database when
    /// <c>Clustering:Provider</c> is <c>AdoNet</c>, in-memory storage (lost when the silo stops) otherwise.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is invalid; the message names the key to fix.</exception>
    public static ISiloBuilder AddOmcpGrainStorage(this ISiloBuilder builder, IConfiguration configuration, string name = "sessions")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = OmcpClusteringConfiguration.Read(configuration);

        if (options.Provider == ClusteringProvider.AdoNet)
        {
            builder.Services.TryAddSingleton<IOptions<OmcpClusteringOptions>>(Options.Create(options));
            AddSchemaInitializer(builder.Services);
            builder.AddAdoNetGrainStorage(name, adoNet =>
            {
                adoNet.Invariant = NpgsqlInvariant;
                adoNet.ConnectionString = options.ConnectionString;
            });
        }
        else
        {
            builder.AddMemoryGrainStorage(name);
        }

        return builder;
    }

    private static void AddSharedServices(IServiceCollection services, OmcpClusteringOptions options)
    {
        services.TryAddSingleton<IOptions<OmcpClusteringOptions>>(Options.Create(options));
        services.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
    }

    private static void AddSchemaInitializer(IServiceCollection services)
    {
        services.TryAddSingleton<PostgresSchemaInitializer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, SchemaLifecycleParticipant>());
    }

    private static void WrapGatewayListProvider(IServiceCollection services)
    {
        var registered = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(IGatewayListProvider))
            ?? throw new InvalidOperationException("UseAdoNetClustering registered no IGatewayListProvider; the Orleans package changed.");
        services.Remove(registered);
        services.AddSingleton<IGatewayListProvider>(provider =>
        {
            var inner = CreateRegistered(provider, registered);
            return new SchemaEnsuringGatewayListProvider(inner, provider.GetRequiredService<PostgresSchemaInitializer>());
        });
    }

    private static IGatewayListProvider CreateRegistered(IServiceProvider provider, ServiceDescriptor descriptor)
    {
        if (descriptor.ImplementationInstance is IGatewayListProvider instance)
        {
            return instance;
        }

        if (descriptor.ImplementationFactory is { } factory)
        {
            return (IGatewayListProvider)factory(provider);
        }

        var type = descriptor.ImplementationType
            ?? throw new InvalidOperationException("The registered IGatewayListProvider has no implementation type.");
        return (IGatewayListProvider)ActivatorUtilities.CreateInstance(provider, type);
    }
}
