using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OmcpSandbox.Placement;
using OmcpSandbox.Sandboxing;
using OmcpSandbox.Validation;

namespace OmcpSandbox.Grains.Sessions;

/// <summary>Registers what session grains need on a silo.</summary>
public static class SessionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the sandbox runtime, the Python code validator, the silo's capacity counter and <see cref="SessionOptions"/>,
    /// validated at start. The host must also register the <see cref="SessionStorage.Name"/> grain storage.
    /// </summary>
    public static IServiceCollection AddSandboxSessions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSandboxRuntime(configuration);
        services.AddPythonCodeValidation();
        services.TryAddSingleton<PythonPolicyCodeValidator>();
        services.TryAddSingleton<ICodeValidator>(provider => provider.GetRequiredService<PythonPolicyCodeValidator>());
        services.TryAddSingleton<IRunnerPolicySource>(provider => provider.GetRequiredService<PythonPolicyCodeValidator>());
        services.AddOptions<SessionOptions>().Bind(configuration.GetSection(SessionOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SessionOptions>, SessionOptionsValidator>());
        services.TryAddSingleton<SiloSandboxCapacity>();
        services.TryAddSingleton<ILocalContainerLoad>(provider => provider.GetRequiredService<SiloSandboxCapacity>());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
