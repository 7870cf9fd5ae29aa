using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OmcpSandbox.Grains.Sessions;
using OmcpSandbox.Hosting;
using OmcpSandbox.Sandboxing;
using OmcpSandbox.Silo;
using Orleans.Configuration;

// appsettings.json sits beside the program, wherever it is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddEnvironmentAliases();
builder.Configuration.AddCommandLine(args);

var siloOptions = builder.Configuration.GetSection(SiloHostOptions.SectionName).Get<SiloHostOptions>() ?? new SiloHostOptions();
var siloName = siloOptions.ResolveName();
var clusterId = builder.Configuration["Clustering:ClusterId"] is { Length: > 0 } configured ? configured : "omcp";
var sessionOptions = builder.Configuration.GetSection(SessionOptions.SectionName).Get<SessionOptions>() ?? new SessionOptions();

// Containers carry the cluster id and silo name, so the reaper can tell whose they are.
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Sandbox:ClusterId"] = clusterId,
    ["Sandbox:SiloName"] = siloName,
});

builder.Services.AddSandboxSessions(builder.Configuration);
builder.Services.AddSingleton<ICodeValidator, SiloCodeValidator>();
builder.Services.AddHostedService<ContainerReaper>();
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(60));

builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering(siloOptions.SiloPort, siloOptions.GatewayPort, serviceId: "omcp-sandbox", clusterId: clusterId);
    silo.Configure<SiloOptions>(options => options.SiloName = siloName);
    silo.Configure<EndpointOptions>(options => options.AdvertisedIPAddress = IPAddress.Parse(siloOptions.AdvertisedAddress));
    silo.AddMemoryGrainStorage(SessionStorage.Name);

    // Executions may legitimately run up to the maximum execution timeout, past Orleans' 30 s default.
    silo.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = sessionOptions.MaxExecutionTimeout + TimeSpan.FromSeconds(60));
});

using var host = builder.Build();
var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OmcpSandbox.Silo");
await host.StartAsync();
SiloLog.Started(logger, siloName, clusterId, siloOptions.SiloPort, siloOptions.GatewayPort);
await host.WaitForShutdownAsync();

// Orleans deactivates sessions while it stops; this removes whatever a deactivation could not.
await host.Services.GetRequiredService<ISandboxRuntime>().DisposeAllAsync();
SiloLog.Stopped(logger, siloName);
