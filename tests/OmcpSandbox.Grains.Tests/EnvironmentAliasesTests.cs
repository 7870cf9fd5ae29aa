using Microsoft.Extensions.Configuration;
using OmcpSandbox.Hosting;

namespace OmcpSandbox.Grains.Tests;

/// <summary>The variables are process-wide, so these tests run one at a time.</summary>
[Collection(nameof(EnvironmentAliasesTests))]
public sealed class EnvironmentAliasesTests
{
    [Fact]
    public void AddEnvironmentAliases_SecondsBecomeTimeSpan()
    {
        using var variable = new ScopedVariable("SANDBOX_TIMEOUT", "90");

        var configuration = new ConfigurationBuilder().AddEnvironmentAliases().Build();

        Assert.Equal(TimeSpan.FromSeconds(90), configuration.GetValue<TimeSpan>("Sessions:IdleTimeout"));
    }

    [Fact]
    public void AddEnvironmentAliases_MapsFlatNames()
    {
        using var sandboxes = new ScopedVariable("MAX_SANDBOXES", "25");
        using var network = new ScopedVariable("SANDBOX_NETWORK", "analysis-net");

        var configuration = new ConfigurationBuilder().AddEnvironmentAliases().Build();

        Assert.Equal(25, configuration.GetValue<int>("Sessions:MaxSandboxes"));
        Assert.Equal("analysis-net", configuration["Sandbox:Network"]);
    }

    [Fact]
    public void AddEnvironmentAliases_UnsetVariablesAddNothing()
    {
        using var variable = new ScopedVariable("SANDBOX_MEMORY", null);

        var configuration = new ConfigurationBuilder().AddEnvironmentAliases().Build();

        Assert.Null(configuration["Sandbox:Memory"]);
    }

    private sealed class ScopedVariable : IDisposable
    {
        private readonly string _name;
        private readonly string? _previous;

        public ScopedVariable(string name, string? value)
        {
            _name = name;
            _previous = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        public void Dispose() => Environment.SetEnvironmentVariable(_name, _previous);
    }
}
