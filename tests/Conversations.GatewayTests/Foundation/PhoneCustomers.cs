using System.Net;
using System.Net.Http.Json;
using Conversations.Conversations;
using Conversations.Customers;

namespace Conversations.GatewayTests.Foundation;

/// <summary>What a provider's webhook made of a customer phone, read back as a supervisor would.</summary>
internal static class PhoneCustomers
{
    /// <summary>The live conversation of the customer with <paramref name="phone"/>.</summary>
    public static async Task<ConversationView> ConversationOfPhoneAsync(this SystemFixture system, string phone)
    {
        var customer = await system.Http.GetFromJsonAsync<CustomerView>(CustomerPath(phone), SystemFixture.Json);
        return (await system.Http.GetFromJsonAsync<ConversationView>($"/api/conversations/{customer!.ActiveConversationId}", SystemFixture.Json))!;
    }

    /// <summary>Nothing was stored: no customer has this phone.</summary>
    public static async Task AssertNoCustomerAsync(this SystemFixture system, string phone) =>
        Assert.Equal(HttpStatusCode.NotFound, (await system.Http.GetAsync(CustomerPath(phone))).StatusCode);

    private static string CustomerPath(string phone) => $"/api/customers?kind=PHONE&value={Uri.EscapeDataString(phone)}";
}
