namespace OmcpSandbox.Testing;

/// <summary>Paths of the repository and of the hosts' build output, found from the running assembly's location.</summary>
public static class RepositoryPaths
{
    public static readonly string Root = FindRoot();

    // Test and benchmark assemblies sit in bin/CONFIGURATION/net10.0, and the hosts are built with the same configuration.
    public static readonly string Configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    public static string SiloDll => Path.Combine(Root, "silo", "OmcpSandbox.Silo", "bin", Configuration, "net10.0", "OmcpSandbox.Silo.dll");

    public static string FrontendDll =>
        Path.Combine(Root, "frontend", "OmcpSandbox.Frontend", "bin", Configuration, "net10.0", "OmcpSandbox.Frontend.dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OmcpSandbox.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"OmcpSandbox.sln was not found above {AppContext.BaseDirectory}.");
    }
}
