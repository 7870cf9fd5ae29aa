using Microsoft.Extensions.Options;

namespace OmcpSandbox.Frontend.Auth;

/// <summary>Checks the configured API keys at start.</summary>
public sealed class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var failures = new List<string>();
        var keys = options.AllKeys();
        for (var index = 0; index < keys.Count; index++)
        {
            var key = keys[index];
            if (key.Hash.Length != 64 || !key.Hash.All(Uri.IsHexDigit))
            {
                failures.Add($"API key {index + 1} has hash '{Shorten(key.Hash)}', which is not 64 hexadecimal digits. " +
                             "Store the SHA-256 of the key, for example from: printf %s \"$KEY\" | sha256sum");
            }

            if (string.IsNullOrWhiteSpace(key.Tenant))
            {
                failures.Add($"API key {index + 1} has no tenant; give each key the tenant it acts for.");
            }

            if (key.Role is not (ApiKeyEntry.AgentRole or ApiKeyEntry.AdminRole))
            {
                failures.Add($"API key {index + 1} has role '{key.Role}'; use 'agent' or 'admin'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Shorten(string hash) => hash.Length <= 8 ? hash : hash[..8] + "...";
}
