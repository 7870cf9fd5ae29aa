namespace OmcpSandbox.Frontend.Auth;

/// <summary>
/// The API keys callers present as bearer tokens, bound from the <c>Auth</c> section. Keys are stored as SHA-256
/// hashes, never in plain text.
/// </summary>
public sealed class ApiKeyOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Auth";

    /// <summary>Gets or sets the keys as objects with <c>Hash</c>, <c>Tenant</c> and <c>Role</c>.</summary>
    public List<ApiKeyEntry> ApiKeys { get; set; } = [];

    /// <summary>
    /// Gets or sets keys in one string, <c>OMCP_API_KEYS</c>: entries <c>SHA256HEX:tenant:role</c> separated by
    /// semicolons, where role is <c>agent</c> or <c>admin</c>.
    /// </summary>
    public string KeyList { get; set; } = "";

    /// <summary>Returns every configured key from both forms.</summary>
    public IReadOnlyList<ApiKeyEntry> AllKeys()
    {
        var keys = new List<ApiKeyEntry>(ApiKeys);
        foreach (var entry in KeyList.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(':', StringSplitOptions.TrimEntries);
            keys.Add(new ApiKeyEntry
            {
                Hash = parts.ElementAtOrDefault(0) ?? "",
                Tenant = parts.ElementAtOrDefault(1) ?? "",
                Role = parts.ElementAtOrDefault(2) ?? ApiKeyEntry.AgentRole,
            });
        }

        return keys;
    }
}

/// <summary>One API key: the SHA-256 hash of the key, the tenant it acts for and its role.</summary>
public sealed class ApiKeyEntry
{
    /// <summary>The role that may use the sandbox tools.</summary>
    public const string AgentRole = "agent";

    /// <summary>The role that may also see and end every tenant's sessions.</summary>
    public const string AdminRole = "admin";

    /// <summary>Gets or sets the lower-case hexadecimal SHA-256 hash of the key.</summary>
    public string Hash { get; set; } = "";

    /// <summary>Gets or sets the tenant.</summary>
    public string Tenant { get; set; } = "";

    /// <summary>Gets or sets the role, <c>agent</c> or <c>admin</c>.</summary>
    public string Role { get; set; } = AgentRole;
}
