using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace OmcpSandbox.Placement;

/// <summary>Registers <see cref="ContainerLoadPlacement"/> on a silo.</summary>
public static class ContainerLoadPlacementExtensions
{
    /// <summary>
    /// Adds the container-load placement director, the load cache and the publisher that reports this silo's
    /// <see cref="ILocalContainerLoad"/>, which the host must register. Options come from
    /// <see cref="ContainerLoadOptions"/> (configure them with <c>Configure&lt;ContainerLoadOptions&gt;</c>).
    /// </summary>
    public static ISiloBuilder AddContainerLoadPlacement(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ContainerLoadOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ContainerLoadOptions>, ContainerLoadOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SiloLoadCache>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, ContainerLoadPublisher>());
        services.AddPlacementDirector<ContainerLoadPlacement, ContainerLoadPlacementDirector>();
        return builder;
    }
}
