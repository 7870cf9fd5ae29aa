namespace OmcpSandbox.Frontend;

/// <summary>Lifecycle log messages of the front end, event ids 3100 to 3199.</summary>
internal static partial class FrontendLog
{
    [LoggerMessage(3100, LogLevel.Warning,
        "No API keys are configured, so the front end listens on loopback only and every caller is the local tenant with the admin role. " +
        "Configure keys with OMCP_API_KEYS=SHA256HEX:tenant:role (the SHA-256 of each key) to accept remote callers.")]
    public static partial void NoApiKeys(ILogger logger);

    [LoggerMessage(3101, LogLevel.Information, "MCP front end listening on http://{Address}:{Port}/mcp with {KeyCount} API keys")]
    public static partial void Listening(ILogger logger, string address, int port, int keyCount);
}
