using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OmcpSandbox.Frontend.Auth;
using OmcpSandbox.Frontend.Tools;

namespace OmcpSandbox.Grains.Tests;

public sealed class ApiKeyTests
{
    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    [Fact]
    public void Find_MatchesHashedKeyFromKeyList()
    {
        var options = new ApiKeyOptions { KeyList = $"{Hash("alpha")}:team-a:agent; {Hash("beta")}:ops:admin" };
        var store = new ApiKeyStore(Options.Create(options));

        Assert.False(store.IsOpen);
        Assert.Equal("team-a", store.Find("alpha")?.Tenant);
        Assert.Equal(ApiKeyEntry.AdminRole, store.Find("beta")?.Role);
        Assert.Null(store.Find("gamma"));
        Assert.Null(store.Find(Hash("alpha")));
    }

    [Fact]
    public void Find_NoKeysMeansOpen()
    {
        Assert.True(new ApiKeyStore(Options.Create(new ApiKeyOptions())).IsOpen);
    }

    [Theory]
    [InlineData("abc:team:agent", "not 64 hexadecimal digits")]
    [InlineData("HASH::agent", "no tenant")]
    [InlineData("HASH:team:root", "use 'agent' or 'admin'")]
    public void Validate_BadEntry_NamesTheFix(string entry, string expected)
    {
        var options = new ApiKeyOptions { KeyList = entry.Replace("HASH", Hash("k"), StringComparison.Ordinal) };

        var result = new ApiKeyOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage);
    }

    [Fact]
    public void NewSandboxId_IsRandomHex()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => SandboxTools.NewSandboxId()).ToList();

        Assert.All(ids, id => Assert.Matches("^sbx-[0-9a-f]{32}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
