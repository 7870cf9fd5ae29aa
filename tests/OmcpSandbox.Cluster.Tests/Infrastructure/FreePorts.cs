using System.Net;
using System.Net.Sockets;

namespace OmcpSandbox.Cluster.Tests.Infrastructure;

public static class FreePorts
{
    /// <summary>Returns a loopback TCP port that was free a moment ago, though another process may take it before the silo binds it.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
