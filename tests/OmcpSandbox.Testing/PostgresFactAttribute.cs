namespace OmcpSandbox.Testing;

/// <summary>
/// A fact that needs a PostgreSQL server. It is skipped with the reason when none is reachable, except under CI,
/// where it runs and fails.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestEnvironment.IsCi && TestEnvironment.PostgresProblem is { } problem)
        {
            Skip = problem;
        }
    }
}
