global using OmcpSandbox.Testing;
