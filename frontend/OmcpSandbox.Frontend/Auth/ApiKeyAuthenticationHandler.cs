using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace OmcpSandbox.Frontend.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer KEY</c> against the hashed keys. With no keys configured every caller is
/// the local tenant with the admin role; the front end then listens on loopback only.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyStore keys) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    /// <summary>The authentication scheme name.</summary>
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (keys.IsOpen)
        {
            return Task.FromResult(Success(CallerClaims.LocalTenant, ApiKeyEntry.AdminRole));
        }

        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var entry = keys.Find(header["Bearer ".Length..].Trim());
        return Task.FromResult(entry is null ? AuthenticateResult.Fail("Invalid API key.") : Success(entry.Tenant, entry.Role));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"omcp-sandbox\"";
        return Response.WriteAsJsonAsync(new
        {
            error = "unauthorized",
            message = "A valid API key is required. Send it as 'Authorization: Bearer KEY'; ask the operator for a key.",
        });
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Response.WriteAsJsonAsync(new { error = "forbidden", message = "This endpoint needs an API key with the admin role." });
    }

    private AuthenticateResult Success(string tenant, string role)
    {
        var identity = new ClaimsIdentity(
            [new Claim(CallerClaims.Tenant, tenant), new Claim(ClaimTypes.Role, role), new Claim(ClaimTypes.Name, tenant)],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

/// <summary>The configured key hashes, looked up in constant time per key.</summary>
public sealed class ApiKeyStore(IOptions<ApiKeyOptions> options)
{
    private readonly IReadOnlyList<(byte[] Hash, ApiKeyEntry Entry)> _keys =
        [.. options.Value.AllKeys().Select(entry => (Convert.FromHexString(entry.Hash), entry))];

    /// <summary>Gets a value indicating whether no keys are configured, so every local caller is admitted.</summary>
    public bool IsOpen => _keys.Count == 0;

    /// <summary>Returns the entry whose hash matches <paramref name="key"/>, or null.</summary>
    public ApiKeyEntry? Find(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        ApiKeyEntry? found = null;
        foreach (var (candidate, entry) in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(candidate, hash))
            {
                found = entry;
            }
        }

        return found;
    }
}
