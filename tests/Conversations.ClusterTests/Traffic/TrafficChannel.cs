namespace Conversations.ClusterTests.Traffic;

/// <summary>A configured channel and a client calling as its connector.</summary>
public sealed record TrafficChannel(string ServiceIdentifier, HttpClient Connector);
