namespace OmcpSandbox.Testing;

/// <summary>
/// A fact that needs a Docker engine and the sandbox image. It is skipped with the reason when they are missing,
/// except under CI, where it runs and fails so that a missing engine is never mistaken for a pass.
/// </summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        if (!TestEnvironment.IsCi && TestEnvironment.DockerProblem is { } problem)
        {
            Skip = problem;
        }
    }
}
