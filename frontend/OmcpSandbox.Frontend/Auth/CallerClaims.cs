using System.Security.Claims;
using OmcpSandbox.Contracts.Sessions;

namespace OmcpSandbox.Frontend.Auth;

/// <summary>The claims the API key handler issues, and the caller identity read from them.</summary>
public static class CallerClaims
{
    /// <summary>The claim type of the tenant.</summary>
    public const string Tenant = "omcp:tenant";

    /// <summary>The tenant of every caller when no API keys are configured.</summary>
    public const string LocalTenant = "local";

    /// <summary>The authorization policy of the admin API.</summary>
    public const string AdminPolicy = "admin";

    /// <summary>Returns the caller identity for session calls; MCP tools never act with admin rights on sessions.</summary>
    public static CallerIdentity ToCaller(ClaimsPrincipal? user, bool asAdmin = false)
    {
        var tenant = user?.FindFirst(Tenant)?.Value;
        if (string.IsNullOrEmpty(tenant))
        {
            throw new InvalidOperationException("The request has no authenticated tenant.");
        }

        return new CallerIdentity(tenant, asAdmin && user!.IsInRole(ApiKeyEntry.AdminRole));
    }
}
