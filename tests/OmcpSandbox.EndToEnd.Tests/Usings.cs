global using Xunit;
global using OmcpSandbox.Testing;
