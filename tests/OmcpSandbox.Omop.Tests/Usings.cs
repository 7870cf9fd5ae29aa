global using OmcpSandbox.Testing;
global using Xunit;
