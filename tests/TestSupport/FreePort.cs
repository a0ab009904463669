using System.Net;
using System.Net.Sockets;

namespace Lector.Testing;

/// <summary>
/// Loopback TCP ports for the servers tests start, taken below Linux's ephemeral range (32768-60999) and each handed
/// out once per test process. A port the kernel chose for a bind to port 0 is an ephemeral one: once released, a
/// client connection could take it as its local end before the server bound it, and the host then failed to start
/// with "address already in use" (seen once in CI).
/// </summary>
public static class FreePort
{
    private const int First = 20_000;
    private const int Count = 12_000;

    /// <summary>Where this process starts in the range: at random, so two test processes at once rarely meet.</summary>
    private static int _handedOut = Random.Shared.Next(Count);

    /// <summary>A loopback TCP port that was free a moment ago and that no other caller in this process was given.</summary>
    public static int Next()
    {
        for (var tried = 0; tried < Count; tried++)
        {
            var port = First + (Interlocked.Increment(ref _handedOut) % Count);
            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port from {First} to {First + Count - 1}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
