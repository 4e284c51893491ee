using Conversations.Inbound;

namespace Conversations.Domain;

/// <summary>What an inbound message or connector event must look like before it changes anything.</summary>
public static class InboundRules
{
    public const int MaxConnectorMessageIdLength = 200;
    public const int MaxChannelDataEntries = 50;
    public const int MaxChannelDataKeyLength = 64;
    public const int MaxChannelDataValueLength = 1024;

    public const int MaxTextLength = 4096;

    public static void ValidateMessage(
        string serviceIdentifier,
        string customerChannelIdentifier,
        string connectorMessageId,
        string text,
        IReadOnlyDictionary<string, string> channelData)
    {
        RequireServiceAndCustomer(serviceIdentifier, customerChannelIdentifier);
        TextRules.RequireLine(connectorMessageId, "connector message id", MaxConnectorMessageIdLength);
        ValidateText(text);
        Validate(channelData);
    }

    /// <summary>Any message for or from the customer: a customer's, an agent's.</summary>
    public static void ValidateText(string? text) => TextRules.RequireText(text, "message text", MaxTextLength);

    /// <summary>A connector speaks only for the channels that use it.</summary>
    public static void RequireOwnChannel(string callerConnectorId, string channelConnectorId, string serviceIdentifier)
    {
        if (callerConnectorId != channelConnectorId)
        {
            throw DomainException.Forbidden($"Connector '{callerConnectorId}' does not serve the channel '{serviceIdentifier}'.");
        }
    }

    public static void ValidateEvent(string serviceIdentifier, string customerChannelIdentifier, ConnectorEventType type)
    {
        RequireServiceAndCustomer(serviceIdentifier, customerChannelIdentifier);
        if (!Enum.IsDefined(type))
        {
            throw DomainException.Invalid($"'{type}' is not a connector event type.");
        }
    }

    public static void Validate(IReadOnlyDictionary<string, string> channelData)
    {
        if (channelData.Count > MaxChannelDataEntries)
        {
            throw DomainException.Invalid($"Channel data holds at most {MaxChannelDataEntries} entries.");
        }

        foreach (var (key, value) in channelData)
        {
            TextRules.RequireLine(key, "channel data key", MaxChannelDataKeyLength);
            if (value is null)
            {
                throw DomainException.Invalid($"The channel data value of '{key}' must be a string.");
            }

            TextRules.OptionalText(value, $"channel data value of '{key}'", MaxChannelDataValueLength);
        }
    }

    /// <summary>Checked before the channel is looked up, so a malformed customer identifier is refused as such.</summary>
    private static void RequireServiceAndCustomer(string serviceIdentifier, string customerChannelIdentifier)
    {
        TextRules.RequireLine(serviceIdentifier, "service identifier", ChannelCatalogRules.MaxServiceIdentifierLength);
        CustomerIdentityRules.RequireIdentifier(customerChannelIdentifier);
    }
}
