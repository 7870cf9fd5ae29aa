using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OmcpSandbox.Omop.Query;
using OmcpSandbox.Omop.Setup;

namespace OmcpSandbox.Omop;

/// <summary>Registers the OMOP options, query service and set-up.</summary>
public static class OmopServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="OmopOptions"/> bound by <see cref="OmopConfiguration"/> and validated at start,
    /// <see cref="OmopQueryService"/> and <see cref="OmopDatabaseSetup"/>.
    /// </summary>
    public static IServiceCollection AddOmop(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OmopOptions>()
            .Configure(options => OmopConfiguration.Bind(configuration, options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OmopOptions>, OmopOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new OmopQueryService(
            provider.GetRequiredService<IOptions<OmopOptions>>(),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<OmopQueryService>>(),
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new OmopDatabaseSetup(
            provider.GetRequiredService<IOptions<OmopOptions>>().Value,
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<OmopDatabaseSetup>>()));
        return services;
    }
}
