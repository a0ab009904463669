using System.Net;
using System.Net.NetworkInformation;

namespace Lector.Grains.Outbound;

/// <summary>
/// The addresses this machine's network interfaces hold: a call to one of them would reach this host itself, even where
/// the address is public. Read again at most every <see cref="RefreshAfter"/>, since interfaces come and go.
/// </summary>
public sealed class HostAddresses(TimeProvider time)
{
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(30);

    private volatile Snapshot? _snapshot;

    public IReadOnlySet<IPAddress> Current
    {
        get
        {
            var now = time.GetUtcNow();
            var snapshot = _snapshot;
            if (snapshot is null || now - snapshot.ReadAt >= RefreshAfter)
            {
                // Two callers may both read; either result is current, so no lock.
                _snapshot = snapshot = new Snapshot(Read(), now);
            }

            return snapshot.Addresses;
        }
    }

    private static HashSet<IPAddress> Read() =>
    [
        .. NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            // Without the interface's scope, so a link-local address compares equal to the same address resolved.
            .Select(u => new IPAddress(u.Address.GetAddressBytes())),
    ];

    private sealed record Snapshot(HashSet<IPAddress> Addresses, DateTimeOffset ReadAt);
}
