using System.Net.Sockets;
using Npgsql;

namespace OmcpSandbox.Testing;

/// <summary>
/// Facts about the machine the tests run on: whether Docker and PostgreSQL are reachable, and the settings to reach them.
/// </summary>
public static class TestEnvironment
{
    private static readonly Lazy<string?> _dockerProblem = new(FindDockerProblem);
    private static readonly Lazy<string?> _postgresProblem = new(FindPostgresProblem);

    /// <summary>Gets a value indicating whether the tests run under CI, where a missing engine is a failure.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Gets the connection string of the PostgreSQL server the tests may use as superuser.</summary>
    public static string PostgresConnectionString =>
        Environment.GetEnvironmentVariable("OMCP_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres";

    /// <summary>Gets the sandbox image tag that <c>./omcp test</c> exports, or null when it is not set.</summary>
    public static string? SandboxImage => Environment.GetEnvironmentVariable("DOCKER_IMAGE") is { Length: > 0 } image ? image : null;

    /// <summary>Gets the Docker socket path, from <c>DOCKER_HOST</c> when it names a unix socket.</summary>
    public static string DockerSocketPath =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { } host && host.StartsWith("unix://", StringComparison.Ordinal)
            ? host["unix://".Length..]
            : "/var/run/docker.sock";

    /// <summary>Gets why Docker cannot be used, or null when it is reachable.</summary>
    public static string? DockerProblem => _dockerProblem.Value;

    /// <summary>Gets why PostgreSQL cannot be used, or null when it is reachable.</summary>
    public static string? PostgresProblem => _postgresProblem.Value;

    private static string? FindDockerProblem()
    {
        if (SandboxImage is null)
        {
            return "DOCKER_IMAGE is not set; run the tests with ./omcp test, which builds the sandbox image and sets it";
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(DockerSocketPath));
            return null;
        }
        catch (SocketException exception)
        {
            return $"no Docker engine answers at {DockerSocketPath} ({exception.SocketErrorCode}); run the tests with ./omcp test";
        }
    }

    private static string? FindPostgresProblem()
    {
        try
        {
            using var connection = new NpgsqlConnection(PostgresConnectionString);
            connection.Open();
            return null;
        }
        catch (Exception exception) when (exception is NpgsqlException or SocketException or TimeoutException)
        {
            return $"no PostgreSQL server answers at OMCP_TEST_POSTGRES ({exception.Message}); run the tests with ./omcp test";
        }
    }
}
