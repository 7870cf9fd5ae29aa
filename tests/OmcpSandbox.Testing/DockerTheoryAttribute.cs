namespace OmcpSandbox.Testing;

/// <summary>A theory that needs a Docker engine; skipped and failed like <see cref="DockerFactAttribute"/>.</summary>
public sealed class DockerTheoryAttribute : TheoryAttribute
{
    public DockerTheoryAttribute()
    {
        if (!TestEnvironment.IsCi && TestEnvironment.DockerProblem is { } problem)
        {
            Skip = problem;
        }
    }
}
