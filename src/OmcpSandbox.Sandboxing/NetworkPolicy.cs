namespace OmcpSandbox.Sandboxing;

/// <summary>Decides which Docker network modes a sandbox may use.</summary>
internal static class NetworkPolicy
{
    /// <summary>Returns why <paramref name="network"/> is not allowed, or null when it is.</summary>
    public static string? Check(string network)
    {
        if (network.Length == 0 || network == "none")
        {
            return null;
        }

        // host and container:* share another namespace's network stack, and default/bridge is the
        // engine's shared bridge; only a user-defined network keeps sandboxes apart from everything else.
        if (network is "host" or "bridge" or "default" || network.Contains(':', StringComparison.Ordinal))
        {
            return $"Sandbox:Network (SANDBOX_NETWORK) is '{network}', which shares a network namespace or the default bridge. " +
                   "Create a dedicated network with 'docker network create NAME' and set SANDBOX_NETWORK to NAME, or leave it empty for no network.";
        }

        return null;
    }
}
