namespace OmcpSandbox.Sandboxing;

/// <summary>
/// Settings of the sandbox containers a silo creates, bound from the <c>Sandbox</c> configuration section.
/// </summary>
public sealed class SandboxOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Sandbox";

    /// <summary>Gets or sets the Docker engine endpoint; <c>DOCKER_HOST</c>, default <c>unix:///var/run/docker.sock</c>.</summary>
    public string DockerEndpoint { get; set; } = "unix:///var/run/docker.sock";

    /// <summary>Gets or sets the sandbox image; <c>DOCKER_IMAGE</c>. Required: there is no fallback image.</summary>
    public string Image { get; set; } = "";

    /// <summary>Gets or sets the memory limit, as bytes or with a k, m or g suffix; <c>SANDBOX_MEMORY</c>, default 512m.</summary>
    public string Memory { get; set; } = "512m";

    /// <summary>Gets or sets the CPU quota in cores; <c>SANDBOX_CPUS</c>, default 0.5.</summary>
    public double Cpus { get; set; } = 0.5;

    /// <summary>Gets or sets the maximum number of processes in a container; <c>SANDBOX_PIDS_LIMIT</c>, default 50.</summary>
    public long PidsLimit { get; set; } = 50;

    /// <summary>Gets or sets whether the root file system is read-only; <c>SANDBOX_READ_ONLY</c>, default true.</summary>
    public bool ReadOnly { get; set; } = true;

    /// <summary>Gets or sets the size of the <c>/tmp</c> tmpfs; default 100m.</summary>
    public string TmpSize { get; set; } = "100m";

    /// <summary>Gets or sets the size of the session workspace tmpfs, the working directory; default 500m.</summary>
    public string WorkspaceSize { get; set; } = "500m";

    /// <summary>
    /// Gets or sets a named Docker network to attach containers to; <c>SANDBOX_NETWORK</c>. Empty means no network.
    /// </summary>
    public string Network { get; set; } = "";

    /// <summary>Gets or sets the cap on stdout and stderr together for one execution, in bytes; default 1 MiB.</summary>
    public int OutputLimitBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets how long a new container may take to report that its interpreter is ready.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the cluster id written into every container's labels.</summary>
    public string ClusterId { get; set; } = "omcp";

    /// <summary>Gets or sets the silo name written into every container's labels.</summary>
    public string SiloName { get; set; } = System.Environment.MachineName;

    /// <summary>
    /// Gets or sets a host directory of wheels mounted read-only at <c>/opt/wheels</c> for package installs; empty means none.
    /// </summary>
    public string WheelDirectory { get; set; } = "";

    /// <summary>Gets or sets extra environment variables passed to every container (used for opt-in database access).</summary>
    public Dictionary<string, string> Environment { get; set; } = [];

    internal long MemoryBytes => ByteSize.Parse(Memory);
}
