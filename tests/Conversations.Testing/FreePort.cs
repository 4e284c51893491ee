using System.Net;
using System.Net.Sockets;

namespace Conversations.Testing;

/// <summary>
/// Ports for the test hosts to listen on. Taken below Linux's ephemeral range (32768-60999), which the OS hands to
/// outgoing connections (database pools, HTTP clients): a port from that range that was free a moment ago can be a
/// connection's local port by the time a silo binds it (seen as "Address already in use" in the crash tests). Each
/// port is handed out once per process; another process may still take one first, which is rare enough for tests.
/// </summary>
public static class FreePort
{
    private const int First = 20000;
    private const int Last = 32767;

    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();

    public static int Next()
    {
        lock (Gate)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(First, Last + 1);
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free port between {First} and {Last} after 1000 tries.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
