namespace OmcpSandbox.Frontend;

/// <summary>Where the front end listens and how it reaches the cluster, bound from the <c>Frontend</c> section.</summary>
public sealed class FrontendOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Frontend";

    /// <summary>Gets or sets the HTTP port; <c>OMCP_PORT</c>, default 8080.</summary>
    public int Port { get; set; } = 8080;

    /// <summary>
    /// Gets or sets the address to bind; <c>OMCP_BIND</c>, default 127.0.0.1. Without API keys the front end binds
    /// to loopback whatever this is set to.
    /// </summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Gets or sets how long a call to the cluster may take; at least the maximum execution timeout plus a margin.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromMinutes(6);
}
