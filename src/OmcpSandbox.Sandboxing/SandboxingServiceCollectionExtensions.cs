using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OmcpSandbox.Sandboxing;

/// <summary>Registers the sandbox runtime.</summary>
public static class SandboxingServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ISandboxRuntime"/> on Docker, with <see cref="SandboxOptions"/> bound and validated at start.</summary>
    public static IServiceCollection AddSandboxRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection(SandboxOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>());
        services.TryAddSingleton<DockerSandboxRuntime>();
        services.TryAddSingleton<ISandboxRuntime>(provider => provider.GetRequiredService<DockerSandboxRuntime>());
        return services;
    }
}
