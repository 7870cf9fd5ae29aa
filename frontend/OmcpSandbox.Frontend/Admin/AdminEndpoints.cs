using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using OmcpSandbox.Contracts.Admin;
using OmcpSandbox.Contracts.Sessions;
using OmcpSandbox.Frontend.Auth;

namespace OmcpSandbox.Frontend.Admin;

/// <summary>
/// The admin API under <c>/admin/api</c>, for keys with the admin role only, and the page at <c>/admin</c> that
/// uses it. Cluster facts come from Orleans' management grain, container counts from placement's load table.
/// </summary>
public static partial class AdminEndpoints
{
    /// <summary>How long one admin request waits for the cluster before it returns 503.</summary>
    public static readonly TimeSpan ClusterTimeout = TimeSpan.FromSeconds(10);

    // Describing sessions one by one would make the list as slow as the number of sessions.
    private const int MaxParallelDescribes = 32;

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Maps <c>GET /admin</c> and the admin API.</summary>
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // The page contains no data, and its requests carry the key the operator types in, so it needs none itself.
        endpoints.MapGet("/admin", () => Results.Content(AdminPage.Html, "text/html; charset=utf-8")).AllowAnonymous();

        var api = endpoints.MapGroup("/admin/api").RequireAuthorization(CallerClaims.AdminPolicy);
        api.MapGet("/silos", ListSilosAsync);
        api.MapGet("/sessions", ListSessionsAsync);
        api.MapDelete("/sessions/{sandboxId}", EndSessionAsync);
        return endpoints;
    }

    internal static async Task<IResult> ListSilosAsync(
        IClusterClient cluster, ILoggerFactory loggers, [FromQuery(Name = "include_dead")] bool? includeDead, CancellationToken cancellationToken)
    {
        try
        {
            var hosts = await cluster.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false).WaitAsync(ClusterTimeout, cancellationToken);
            var listed = hosts.Where(host => includeDead == true || host.Status != SiloStatus.Dead).ToList();
            var loads = await cluster.GetGrain<IClusterLoadGrain>(0)
                .GetLoadsAsync([.. listed.Select(host => host.SiloAddress)])
                .WaitAsync(ClusterTimeout, cancellationToken);
            var loadBySilo = loads.ToDictionary(load => load.Silo);

            var silos = listed
                .OrderBy(host => host.SiloName, StringComparer.Ordinal)
                .ThenBy(host => host.StartTime)
                .Select(host => ToView(host, loadBySilo.GetValueOrDefault(host.SiloAddress)))
                .ToList();
            return Results.Json(new SiloListResponse(silos), JsonOptions);
        }
        catch (Exception exception) when (IsClusterFailure(exception))
        {
            return ClusterUnavailable(loggers, exception);
        }
    }

    internal static async Task<IResult> ListSessionsAsync(
        HttpContext context, IClusterClient cluster, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        List<DetailedGrainStatistic> activations;
        try
        {
            // The session grain's type is read from a reference, so a renamed grain class cannot silently empty the list.
            var sessionType = cluster.GetGrain<ISandboxSessionGrain>("type-probe").GetGrainId().Type;
            var statistics = await cluster.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics().WaitAsync(ClusterTimeout, cancellationToken);
            activations = [.. statistics.Where(statistic => statistic.GrainId.Type.Equals(sessionType))];
        }
        catch (Exception exception) when (IsClusterFailure(exception))
        {
            return ClusterUnavailable(loggers, exception);
        }

        var admin = CallerClaims.ToCaller(context.User, asAdmin: true);
        var sessions = new List<SessionView>();
        var unreachable = new List<UnreachableSession>();
        using var gate = new SemaphoreSlim(MaxParallelDescribes);
        var described = await Task.WhenAll(activations.Select(activation => DescribeAsync(cluster, admin, activation, gate, cancellationToken)));
        foreach (var (session, failure) in described)
        {
            if (session is not null)
            {
                sessions.Add(session);
            }
            else if (failure is not null)
            {
                unreachable.Add(failure);
            }
        }

        sessions.Sort((left, right) => left.CreatedAt.CompareTo(right.CreatedAt));
        return Results.Json(new SessionListResponse(sessions, unreachable), JsonOptions);
    }

    internal static async Task<IResult> EndSessionAsync(
        string sandboxId, HttpContext context, IClusterClient cluster, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var caller = CallerClaims.ToCaller(context.User, asAdmin: true);
        SessionResult<RemoveOutcome> result;
        try
        {
            result = await cluster.GetGrain<ISandboxSessionGrain>(sandboxId)
                .RemoveAsync(caller, force: true, cancellationToken)
                .WaitAsync(ClusterTimeout, cancellationToken);
        }
        catch (Exception exception) when (IsClusterFailure(exception))
        {
            return ClusterUnavailable(loggers, exception);
        }

        if (result.Fault is { } fault)
        {
            var status = fault.Code == SessionFaultCode.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;
            return Results.Json(new AdminError(ToSnakeCase(fault.Code.ToString()), fault.Message), JsonOptions, statusCode: status);
        }

        LogSessionEnded(loggers.CreateLogger(typeof(AdminEndpoints)), sandboxId, caller.Tenant);
        return Results.Json(new SessionEndedResponse(sandboxId, result.Value!.Message), JsonOptions);
    }

    private static async Task<(SessionView? Session, UnreachableSession? Failure)> DescribeAsync(
        IClusterClient cluster, CallerIdentity admin, DetailedGrainStatistic activation, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        var sandboxId = activation.GrainId.Key.ToString()!;
        await gate.WaitAsync(cancellationToken);
        try
        {
            var result = await cluster.GetGrain<ISandboxSessionGrain>(sandboxId)
                .DescribeAsync(admin, cancellationToken)
                .WaitAsync(ClusterTimeout, cancellationToken);

            // A session that ended, or whose grain was only activated by a lookup, is not found and not listed.
            return result.Value is { } session ? (ToView(session, activation.SiloAddress), null) : (null, null);
        }
        catch (Exception exception) when (IsClusterFailure(exception))
        {
            return (null, new UnreachableSession(sandboxId, activation.SiloAddress.ToParsableString(), exception.GetType().Name));
        }
        finally
        {
            gate.Release();
        }
    }

    private static SiloView ToView(MembershipEntry host, SiloContainerLoad? load) => new(
        host.SiloName,
        host.SiloAddress.ToParsableString(),
        ToSnakeCase(host.Status.ToString()),
        load is { Reported: true } ? load.Containers : null,
        load is { Reported: true } ? load.Capacity : null,
        host.HostName,
        new DateTimeOffset(DateTime.SpecifyKind(host.StartTime, DateTimeKind.Utc)),
        new DateTimeOffset(DateTime.SpecifyKind(host.IAmAliveTime, DateTimeKind.Utc)));

    private static SessionView ToView(SessionDescription session, SiloAddress silo) => new(
        session.SandboxId,
        session.Tenant,
        session.Silo,
        silo.ToParsableString(),
        session.CreatedAt,
        session.LastUsedAt,
        session.IdleTimeout.TotalSeconds,
        session.ExecutionCount,
        session.TimeoutCount,
        session.RejectedCount,
        session.QueuedExecutions,
        ToSnakeCase(session.Status.ToString()));

    private static string ToSnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    private static bool IsClusterFailure(Exception exception) =>
        exception is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or OrleansException;

    private static IResult ClusterUnavailable(ILoggerFactory loggers, Exception exception)
    {
        LogClusterCallFailed(loggers.CreateLogger(typeof(AdminEndpoints)), exception.GetType().Name, exception);
        return Results.Json(
            new AdminError(
                "cluster_unavailable",
                $"The sandbox cluster did not answer within {ClusterTimeout.TotalSeconds:0} s ({exception.GetType().Name}). " +
                "Try again in a few seconds; if it persists, check that the silos are running."),
            JsonOptions,
            statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    [LoggerMessage(3200, LogLevel.Warning, "An admin call to the cluster failed with {ExceptionType}")]
    private static partial void LogClusterCallFailed(ILogger logger, string exceptionType, Exception exception);

    [LoggerMessage(3201, LogLevel.Information, "Admin of tenant {Tenant} ended sandbox {SandboxId}")]
    private static partial void LogSessionEnded(ILogger logger, string sandboxId, string tenant);
}
