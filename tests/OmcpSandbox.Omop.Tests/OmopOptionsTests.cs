using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using OmcpSandbox.Omop.Query;

namespace OmcpSandbox.Omop.Tests;

public sealed class OmopOptionsTests
{
    [Fact]
    public void Bind_FlatNames_WinOverSection()
    {
        var configuration = Configuration(new()
        {
            ["Omop:Host"] = "section-host",
            ["Omop:MaxRows"] = "50",
            ["Omop:DefaultLimit"] = "20",
            ["Omop:StatementTimeout"] = "00:00:03",
            ["Omop:ExposeSourceValues"] = "true",
            ["OMOP_DB_HOST"] = "db.internal",
            ["OMOP_DB_PORT"] = "6543",
            ["OMOP_DB_NAME"] = "cdm",
            ["OMOP_DB_USER"] = "reader_x",
            ["OMOP_DB_PASSWORD"] = "pw-1",
            ["ALLOW_UNSAFE_SQL"] = "yes",
        });
        var options = new OmopOptions();

        OmopConfiguration.Bind(configuration, options);

        Assert.Equal("db.internal", options.Host);
        Assert.Equal(6543, options.Port);
        Assert.Equal("cdm", options.Database);
        Assert.Equal("reader_x", options.ReaderUser);
        Assert.Equal("pw-1", options.ReaderPassword);
        Assert.True(options.AllowUnsafeSql);
        Assert.True(options.ExposeSourceValues);
        Assert.Equal(50, options.MaxRows);
        Assert.Equal(20, options.DefaultLimit);
        Assert.Equal(TimeSpan.FromSeconds(3), options.StatementTimeout);
    }

    [Fact]
    public void Bind_Defaults_MatchDocumentation()
    {
        var options = new OmopOptions();

        OmopConfiguration.Bind(Configuration(new()), options);

        Assert.Equal("omcp_reader", options.ReaderUser);
        Assert.False(options.AllowUnsafeSql);
        Assert.False(options.ExposeSourceValues);
        Assert.Equal(TimeSpan.FromSeconds(10), options.StatementTimeout);
        Assert.Equal(1000, options.MaxRows);
        Assert.Equal(100, options.DefaultLimit);
    }

    [Theory]
    [InlineData("OMOP_DB_PORT", "abc")]
    [InlineData("ALLOW_UNSAFE_SQL", "maybe")]
    public void Bind_BadFlatValue_NamesSetting(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            OmopConfiguration.Bind(Configuration(new() { [key] = value }), new OmopOptions()));

        Assert.Contains(key, error.Message);
    }

    [Theory]
    [InlineData(nameof(OmopOptions.ReaderPassword), "Omop:ReaderPassword (OMOP_DB_PASSWORD)")]
    [InlineData(nameof(OmopOptions.ReaderUser), "Omop:ReaderUser (OMOP_DB_USER)")]
    [InlineData(nameof(OmopOptions.MaxRows), "Omop:MaxRows")]
    [InlineData(nameof(OmopOptions.DefaultLimit), "Omop:DefaultLimit")]
    [InlineData(nameof(OmopOptions.StatementTimeout), "Omop:StatementTimeout")]
    [InlineData(nameof(OmopOptions.Port), "Omop:Port (OMOP_DB_PORT)")]
    public void Validate_BadSetting_NamesIt(string property, string expected)
    {
        var options = new OmopOptions { ReaderPassword = "x" };
        switch (property)
        {
            case nameof(OmopOptions.ReaderPassword): options.ReaderPassword = null; break;
            case nameof(OmopOptions.ReaderUser): options.ReaderUser = "Reader; DROP"; break;
            case nameof(OmopOptions.MaxRows): options.MaxRows = 0; break;
            case nameof(OmopOptions.DefaultLimit): options.DefaultLimit = 5000; break;
            case nameof(OmopOptions.StatementTimeout): options.StatementTimeout = TimeSpan.Zero; break;
            case nameof(OmopOptions.Port): options.Port = 0; break;
        }

        var result = new OmopOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ToString_LeavesOutSecrets()
    {
        var options = new OmopOptions { ReaderPassword = "hunter2-secret", AdminConnectionString = "Host=h;Password=admin-secret" };

        var text = options.ToString();

        Assert.DoesNotContain("hunter2-secret", text);
        Assert.DoesNotContain("admin-secret", text);
        Assert.Contains("ReaderPassword=(set)", text);
    }

    [Fact]
    public void ReaderConnectionString_ResetsPooledConnections()
    {
        var builder = new NpgsqlConnectionStringBuilder(new OmopOptions { ReaderPassword = "x" }.BuildReaderConnectionString());

        Assert.True(builder.Pooling);
        Assert.False(builder.NoResetOnClose);
        Assert.Equal("omcp_reader", builder.Username);
    }

    [Fact]
    public void AddOmop_InvalidOptions_FailAtResolve()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddOmop(Configuration(new() { ["Omop:MaxRows"] = "0" }))
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<OmopQueryService>());

        Assert.Contains(error.Failures, failure => failure.Contains("Omop:MaxRows"));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
