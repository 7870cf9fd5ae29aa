using System.Globalization;
using Docker.DotNet.Models;

namespace OmcpSandbox.Sandboxing;

/// <summary>Builds the Docker create parameters of a hardened sandbox container.</summary>
internal static class ContainerSpec
{
    public const string WorkspacePath = "/workspace";
    public const string WheelMountPath = "/opt/wheels";
    private const string SandboxUser = "1000:1000";

    /// <summary>Returns a readable, unique container name: the alphanumeric start of the session id and the time.</summary>
    public static string ContainerName(string sandboxId, DateTimeOffset createdAt)
    {
        var prefix = new string([.. sandboxId.Where(char.IsAsciiLetterOrDigit).Take(16)]);
        return $"omcp-{prefix}-{createdAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
    }

    public static CreateContainerParameters Build(SandboxOptions options, string sandboxId, DateTimeOffset createdAt)
    {
        var memory = options.MemoryBytes;
        var network = options.Network.Length == 0 ? "none" : options.Network;
        var hostConfig = new HostConfig
        {
            NetworkMode = network,
            Memory = memory,
            // Equal to the memory limit, so a container cannot use swap to grow past it.
            MemorySwap = memory,
            NanoCPUs = (long)(options.Cpus * 1_000_000_000),
            PidsLimit = options.PidsLimit,
            ReadonlyRootfs = options.ReadOnly,
            CapDrop = ["ALL"],
            SecurityOpt = ["no-new-privileges"],
            IpcMode = "private",
            Tmpfs = new Dictionary<string, string>
            {
                ["/tmp"] = $"rw,noexec,nosuid,nodev,size={options.TmpSize},nr_inodes=16384",
                // Exec is allowed here so that installed wheels with compiled extensions can load.
                [WorkspacePath] = $"rw,nosuid,nodev,size={options.WorkspaceSize},nr_inodes=65536,uid=1000,gid=1000,mode=0700",
            },
            Ulimits = [new Ulimit { Name = "nofile", Soft = 1024, Hard = 1024 }],
            Binds = options.WheelDirectory.Length > 0 ? [$"{options.WheelDirectory}:{WheelMountPath}:ro"] : null,
        };

        return new CreateContainerParameters
        {
            Image = options.Image,
            Name = ContainerName(sandboxId, createdAt),
            User = SandboxUser,
            WorkingDir = WorkspacePath,
            AttachStdin = true,
            AttachStdout = true,
            AttachStderr = true,
            OpenStdin = true,
            StdinOnce = false,
            Tty = false,
            NetworkDisabled = network == "none",
            Env = [.. options.Environment.Select(pair => $"{pair.Key}={pair.Value}")],
            Labels = new Dictionary<string, string>
            {
                [ContainerLabels.SandboxId] = sandboxId,
                [ContainerLabels.ClusterId] = options.ClusterId,
                [ContainerLabels.Silo] = options.SiloName,
                [ContainerLabels.CreatedAt] = createdAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            },
            HostConfig = hostConfig,
        };
    }
}
