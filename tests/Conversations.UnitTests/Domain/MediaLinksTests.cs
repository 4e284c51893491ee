using System.Security.Cryptography;
using System.Web;
using Conversations.Security;

namespace Conversations.UnitTests.Domain;

public sealed class MediaLinksTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private readonly MediaLinks _links = new(SecurityKeys.FromMasterKey(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    [Fact]
    public void IsValid_TheLinkAsMade_HoldsUntilItExpires()
    {
        var (expires, signature) = Parts(_links.Create("https://cc.example.test/", "upl-1", Now));

        Assert.True(_links.IsValid("upl-1", expires, signature, Now + MediaLinks.Lifetime));
        Assert.False(_links.IsValid("upl-1", expires, signature, Now + MediaLinks.Lifetime + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void IsValid_AnotherUploadALaterExpiryOrAnotherKey_Fails()
    {
        var (expires, signature) = Parts(_links.Create("https://cc.example.test", "upl-1", Now));
        var otherKey = new MediaLinks(SecurityKeys.FromMasterKey(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

        Assert.False(_links.IsValid("upl-2", expires, signature, Now));
        Assert.False(_links.IsValid("upl-1", expires + 3600, signature, Now));
        Assert.False(otherKey.IsValid("upl-1", expires, signature, Now));
        Assert.False(_links.IsValid("upl-1", expires, null, Now));
    }

    private static (long Expires, string Signature) Parts(string link)
    {
        Assert.StartsWith("https://cc.example.test/api/media/upl-1?", link);
        var query = HttpUtility.ParseQueryString(new Uri(link).Query);
        return (long.Parse(query["expires"]!), query["signature"]!);
    }
}
