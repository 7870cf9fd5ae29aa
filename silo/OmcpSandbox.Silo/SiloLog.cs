using Microsoft.Extensions.Logging;

namespace OmcpSandbox.Silo;

/// <summary>Lifecycle log messages of the silo host, event ids 100 to 199.</summary>
internal static partial class SiloLog
{
    [LoggerMessage(100, LogLevel.Information, "Silo {SiloName} of cluster {ClusterId} is running with {Provider} clustering (silo port {SiloPort}, gateway port {GatewayPort})")]
    public static partial void Started(ILogger logger, string siloName, string clusterId, string provider, int siloPort, int gatewayPort);

    [LoggerMessage(101, LogLevel.Information, "Silo {SiloName} stopped and removed its sandbox containers")]
    public static partial void Stopped(ILogger logger, string siloName);
}
