using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OmcpSandbox.Clustering;
using OmcpSandbox.Frontend;
using OmcpSandbox.Frontend.Admin;
using OmcpSandbox.Frontend.Auth;
using OmcpSandbox.Frontend.Tools;
using OmcpSandbox.Hosting;
using Orleans.Configuration;

// appsettings.json sits beside the program, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddEnvironmentAliases();
builder.Configuration.AddCommandLine(args);

var frontendOptions = builder.Configuration.GetSection(FrontendOptions.SectionName).Get<FrontendOptions>() ?? new FrontendOptions();
var apiKeys = (builder.Configuration.GetSection(ApiKeyOptions.SectionName).Get<ApiKeyOptions>() ?? new ApiKeyOptions()).AllKeys();

// Without keys anyone who can connect is admitted, so only this machine may connect.
var bindAddress = apiKeys.Count == 0 ? IPAddress.Loopback : IPAddress.Parse(frontendOptions.BindAddress);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(bindAddress, frontendOptions.Port));

builder.Services.AddOptions<ApiKeyOptions>().Bind(builder.Configuration.GetSection(ApiKeyOptions.SectionName)).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>();
builder.Services.AddSingleton<ApiKeyStore>();
builder.Services.AddSingleton<ClusterCallGuard>();
builder.Services
    .AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(CallerClaims.AdminPolicy, policy => policy.RequireRole(ApiKeyEntry.AdminRole));

builder.UseOrleansClient(client =>
{
    client.UseOmcpClustering(builder.Configuration);
    client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = frontendOptions.ResponseTimeout);
});

builder.Services
    .AddMcpServer(options => options.ServerInfo = new() { Name = "omcp-sandbox", Version = "1.0.0" })
    .WithHttpTransport(options => options.Stateless = true)
    .WithTools<SandboxTools>()
    .WithTools<OmopTools>();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapMcp("/mcp").RequireAuthorization();
app.MapGet("/healthz", HealthEndpoint.CheckAsync).AllowAnonymous();
app.MapAdmin();

if (apiKeys.Count == 0)
{
    FrontendLog.NoApiKeys(app.Logger);
}

FrontendLog.Listening(app.Logger, bindAddress.ToString(), frontendOptions.Port, apiKeys.Count);
await app.RunAsync();

/// <summary>The entry point, public so that tests can host the front end.</summary>
public partial class Program;
