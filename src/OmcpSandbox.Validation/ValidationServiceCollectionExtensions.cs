using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OmcpSandbox.Validation;

/// <summary>Registers the Python code validator with a service collection.</summary>
public static class ValidationServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="PythonValidationOptions"/> to the configuration section
    /// <see cref="PythonValidationOptions.SectionName"/>, validates them at start and registers a singleton
    /// <see cref="PythonCodeValidator"/>.
    /// </summary>
    public static IServiceCollection AddPythonCodeValidation(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<PythonValidationOptions>()
            .BindConfiguration(PythonValidationOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PythonValidationOptions>, PythonValidationOptionsValidator>());
        services.TryAddSingleton(provider => new PythonCodeValidator(provider.GetRequiredService<IOptions<PythonValidationOptions>>()));
        return services;
    }
}
