namespace OmcpSandbox.Testing;

/// <summary>A theory that needs a PostgreSQL server; skipped and failed like <see cref="PostgresFactAttribute"/>.</summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        if (!TestEnvironment.IsCi && TestEnvironment.PostgresProblem is { } problem)
        {
            Skip = problem;
        }
    }
}
