using Conversations.Connectors;

namespace Conversations.UnitTests.Domain;

/// <summary>The README's signed-identity recipe computes what the gateway checks.</summary>
public sealed class WebChatReadmeTests
{
    [Fact]
    public void SignedIdentityRecipe_InTheReadme_PrintsTheHashTheGatewayExpects()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));

        Assert.Contains("printf '%s' 'user-42' | openssl dgst -sha256 -hmac 'shop-secret'", readme);
        Assert.Contains("hmac.new(b\"shop-secret\", b\"user-42\", hashlib.sha256).hexdigest()", readme);
        Assert.Contains($"SHA2-256(stdin)= {WebChatIdentity.Hash("shop-secret", "user-42")}", readme);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Conversations.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Conversations.sln above {AppContext.BaseDirectory}.");
    }
}
