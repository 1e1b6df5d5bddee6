using Dms.Hub.Dealers;

namespace Dms.Hub.Tests.Dealers;

public sealed class ApiKeysTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    [Fact]
    public void Verify_RightAndWrongKey()
    {
        var key = ApiKeys.Generate("dms");
        var credential = ApiKeys.CreateCredential(key, "D001", PrincipalRole.Dealer, false, Now);

        Assert.True(ApiKeys.Verify(credential, key));
        Assert.False(ApiKeys.Verify(credential, key + "x"));
    }

    [Fact]
    public void CreateCredential_SameKeyTwice_DifferentSaltAndHashSameFingerprint()
    {
        var first = ApiKeys.CreateCredential("demo-key-D001", "D001", PrincipalRole.Dealer, true, Now);
        var second = ApiKeys.CreateCredential("demo-key-D001", "D001", PrincipalRole.Dealer, true, Now);

        Assert.NotEqual(first.Salt, second.Salt);
        Assert.NotEqual(first.Hash, second.Hash);
        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.DoesNotContain("demo-key-D001", first.Hash + first.Salt + first.Fingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_KeysAreLongAndDistinct()
    {
        var keys = Enumerable.Range(0, 100).Select(_ => ApiKeys.Generate("dms")).ToHashSet();

        Assert.Equal(100, keys.Count);
        Assert.All(keys, k => Assert.True(k.Length >= 40));
    }
}
