using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using OmcpSandbox.Omop;
using OmcpSandbox.Omop.Setup;
using OmcpSandbox.Omop.Synthea;
using OmcpSandbox.Omop.Tool;

ToolArguments arguments;
try
{
    arguments = ToolArguments.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine($"omop: {exception.Message}");
    Console.Error.WriteLine(ToolArguments.Usage);
    return 2;
}

if (arguments.Command == "help")
{
    Console.WriteLine(ToolArguments.Usage);
    return 0;
}

var configuration = new ConfigurationBuilder()
    .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
    .AddEnvironmentVariables()
    .Build();
using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true));
var logger = loggerFactory.CreateLogger("omop");
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, eventArgs) =>
{
    eventArgs.Cancel = true;
    cancellation.Cancel();
};

try
{
    // Set-up needs only the administrator connection and, for ensure, the reader password. So the service's full
    // validation does not apply here, and each step names a missing setting itself.
    var options = new OmopOptions();
    OmopConfiguration.Bind(configuration, options);
    var setup = new OmopDatabaseSetup(options, loggerFactory.CreateLogger<OmopDatabaseSetup>());
    switch (arguments.Command)
    {
        case "seed":
            await setup.SeedAsync(arguments.Sample, cancellation.Token);
            break;
        case "import-synthea":
            var dataset = await SyntheaImporter.ReadAsync(arguments.Directory!, cancellation.Token);
            if (!arguments.Replace && await setup.CountPersonsAsync(cancellation.Token) > 0)
            {
                Console.Error.WriteLine("omop: omop_cdm.person already has rows; pass --replace to replace all OMOP data.");
                return 1;
            }

            await setup.ReplaceAsync(dataset, "Synthea", cancellation.Token);
            break;
        case "ensure":
            await setup.EnsureAsync(arguments.Sample, cancellation.Token);
            break;
    }

    return 0;
}
catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or SyntheaImportException or NpgsqlException)
{
    ToolLog.CommandFailed(logger, arguments.Command, exception.GetType().Name);
    Console.Error.WriteLine($"omop: {arguments.Command} failed: {exception.Message}");
    return 1;
}
