namespace OmcpSandbox.Grains.Sessions;

/// <summary>Limits and defaults of sandbox sessions, bound from the <c>Sessions</c> configuration section.</summary>
public sealed class SessionOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Sessions";

    /// <summary>Gets or sets how long a session may sit unused before it ends; <c>SANDBOX_TIMEOUT</c> in seconds, default 300.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the longest idle timeout a caller may ask for at creation; default 24 hours.</summary>
    public TimeSpan MaxIdleTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets the number of live sessions a silo may hold; <c>MAX_SANDBOXES</c>, default 10.</summary>
    public int MaxSandboxes { get; set; } = 10;

    /// <summary>Gets or sets how many executions may wait behind the running one in a session; default 8.</summary>
    public int QueueLimit { get; set; } = 8;

    /// <summary>Gets or sets the execution timeout when the caller gives none; default 30 s.</summary>
    public TimeSpan DefaultExecutionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the longest execution timeout a caller may ask for; default 300 s.</summary>
    public TimeSpan MaxExecutionTimeout { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Gets or sets how long an ended session stays in its tenant's list of inactive sandboxes; default 1 hour.</summary>
    public TimeSpan InactiveRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the package install settings.</summary>
    public PackageInstallOptions PackageInstall { get; set; } = new();
}

/// <summary>Settings of <c>install_package</c>, which is off by default.</summary>
public sealed class PackageInstallOptions
{
    /// <summary>Gets or sets whether installs are allowed; <c>ALLOW_PACKAGE_INSTALL</c>, default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets the package names that may be installed (compared after PEP 503 normalisation).</summary>
    public List<string> AllowedPackages { get; set; } = [];
}
