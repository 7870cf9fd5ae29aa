using System.Net;
using System.Net.Sockets;

namespace OmcpSandbox.Testing;

/// <summary>Free loopback ports for the hosts that tests and benchmarks start.</summary>
public static class LoopbackPorts
{
    private static readonly HashSet<int> _handedOut = [];

    /// <summary>
    /// Returns a loopback port that is free now and that no earlier call in this process returned. The kernel
    /// hands out a port again as soon as it is released, so without the record two hosts could get the same one.
    /// </summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (_handedOut)
            {
                if (_handedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
