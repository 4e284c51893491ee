namespace Conversations.Testing;

/// <summary>
/// The real stores under test, from the environment that tests/stores/start-stores.sh prints. A missing
/// variable fails the test with instructions rather than skipping it: a green run must mean the stores
/// were really exercised.
/// </summary>
public static class TestStores
{
    public const string PostgresVariable = "CONVERSATIONS_TEST_POSTGRES";
    public const string AzureStorageVariable = "CONVERSATIONS_TEST_AZURE_STORAGE";

    public static string PostgresServer => Require(PostgresVariable, "an Npgsql connection string of a role that may CREATE DATABASE");

    public static string AzureStorage => Require(AzureStorageVariable, "an Azure Storage connection string with a TableEndpoint (Azurite)");

    /// <summary>A name no other test run uses, safe as a database name, an Azure table name and an Orleans cluster id.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..16];

    private static string Require(string variable, string what)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"{variable} is not set: it must hold {what}. Run ./test.sh, or eval \"$(tests/stores/start-stores.sh)\" before dotnet test.");
        }

        return value;
    }
}
