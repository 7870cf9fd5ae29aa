using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OmcpSandbox.Clustering;
using OmcpSandbox.Grains.Omop;
using OmcpSandbox.Grains.Sessions;
using OmcpSandbox.Placement;
using OmcpSandbox.Hosting;
using OmcpSandbox.Sandboxing;
using OmcpSandbox.Silo;
using Orleans.Configuration;

// appsettings.json sits beside the program, wherever it is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddEnvironmentAliases();
builder.Configuration.AddCommandLine(args);

var clustering = OmcpClusteringConfiguration.Read(builder.Configuration);
var siloName = builder.Configuration["Silo:Name"] is { Length: > 0 } name ? name : $"{Environment.MachineName}-{clustering.SiloPort}";
var clusterId = clustering.ClusterId;
var sessionOptions = builder.Configuration.GetSection(SessionOptions.SectionName).Get<SessionOptions>() ?? new SessionOptions();

// Containers carry the cluster id and silo name, so the reaper can tell whose they are.
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Sandbox:ClusterId"] = clusterId,
    ["Sandbox:SiloName"] = siloName,
});

builder.Services.AddSandboxSessions(builder.Configuration);
builder.Services.AddOmopQueries(builder.Configuration);
builder.Services.AddHostedService<ContainerReaper>();
builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(60));

builder.UseOrleans(silo =>
{
    silo.UseOmcpClustering(builder.Configuration);
    silo.AddOmcpGrainStorage(builder.Configuration, SessionStorage.Name);
    silo.AddContainerLoadPlacement();
    silo.Configure<SiloOptions>(options => options.SiloName = siloName);

    // With the default directory, a silo that leaves takes its directory partition with it, and activations on
    // the surviving silos registered there are deactivated, which would remove the containers of healthy
    // sessions. The distributed directory hands its ranges over instead; Orleans 10.4 marks it experimental.
#pragma warning disable ORLEANSEXP003
    silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003

    // Executions may legitimately run up to the maximum execution timeout, past Orleans' 30 s default.
    silo.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = sessionOptions.MaxExecutionTimeout + TimeSpan.FromSeconds(60));

    // Failure detection keeps the Orleans 10.4 defaults (suspected after 3 missed probes, 5 s initial probe
    // timeout) unless the Membership section sets ClusterMembershipOptions keys such as ProbeTimeout.
    silo.Services.AddOptions<ClusterMembershipOptions>().Bind(builder.Configuration.GetSection("Membership"));
});

using var host = builder.Build();
var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OmcpSandbox.Silo");
await host.StartAsync();
SiloLog.Started(logger, siloName, clusterId, clustering.Provider.ToString(), clustering.SiloPort, clustering.GatewayPort);
await host.WaitForShutdownAsync();

// Orleans deactivates sessions while it stops; this removes whatever a deactivation could not.
await host.Services.GetRequiredService<ISandboxRuntime>().DisposeAllAsync();
SiloLog.Stopped(logger, siloName);
