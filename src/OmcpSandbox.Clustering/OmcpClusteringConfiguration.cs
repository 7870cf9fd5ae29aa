using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace OmcpSandbox.Clustering;

/// <summary>Reads and validates <see cref="OmcpClusteringOptions"/> while a host is being built.</summary>
public static class OmcpClusteringConfiguration
{
    /// <summary>
    /// Binds the <c>Orleans</c> section and then the <c>Clustering</c> section, and validates the result.
    /// The builder extensions need the values at once to pick providers, so this cannot wait for the host to start.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is invalid; the message names the key to fix.</exception>
    public static OmcpClusteringOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new OmcpClusteringOptions();
        configuration.GetSection(OmcpClusteringOptions.OrleansSectionName).Bind(options);
        configuration.GetSection(OmcpClusteringOptions.SectionName).Bind(options);

        var result = new OmcpClusteringOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(OmcpClusteringOptions), result.Failures);
        }

        return options;
    }
}
