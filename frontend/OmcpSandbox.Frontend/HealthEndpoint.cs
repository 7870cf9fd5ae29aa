namespace OmcpSandbox.Frontend;

/// <summary><c>GET /healthz</c>: whether the front end reaches the cluster, and how many silos are active.</summary>
internal static class HealthEndpoint
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(5);

    public static async Task<IResult> CheckAsync(IClusterClient cluster, CancellationToken cancellationToken)
    {
        try
        {
            var hosts = await cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(_timeout, cancellationToken);
            return Results.Ok(new { status = "ok", cluster = "reachable", active_silos = hosts.Count });
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException or SiloUnavailableException)
        {
            return Results.Json(
                new { status = "unavailable", cluster = "unreachable", error = exception.GetType().Name },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
