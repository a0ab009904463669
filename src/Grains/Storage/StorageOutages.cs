using System.Net.Sockets;
using Lector.Abstractions;
using Lector.Abstractions.Blobs;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Lector.Grains.Storage;

/// <summary>
/// Tells a store that is unavailable for now (down, unreachable, locked, full, read-only) from a fault in the request
/// or the code: the first is worth retrying and answers 503, the second is a bug. The cause may sit anywhere in the
/// chain of inner exceptions, since Orleans and the drivers wrap what they catch.
/// </summary>
public static class StorageOutages
{
    /// <summary>The outage <paramref name="exception"/> stands for, as the exception callers should see; null when it is no outage.</summary>
    public static StorageUnavailableException? Classify(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is StorageUnavailableException known)
            {
                return known;
            }

            if (e is BlobStoreException { IsTransient: true })
            {
                return new StorageUnavailableException(StorageUnavailableException.BlobsCode);
            }

            if (IsDatabaseOutage(e))
            {
                return new StorageUnavailableException(StorageUnavailableException.DatabaseCode);
            }
        }

        return null;
    }

    private static bool IsDatabaseOutage(Exception e) => e switch
    {
        // Busy or locked past the busy timeout, read-only file or file system, I/O error, disk full, cannot open.
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6 or 8 or 10 or 13 or 14,

        // Connection lost or refused (class 08), server out of resources (53), shutting down or starting (57P01-57P03),
        // a read-only standby (25006).
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
            || postgres.SqlState is "57P01" or "57P02" or "57P03" or "25006",
        NpgsqlException npgsql => npgsql.IsTransient,
        SocketException or TimeoutException => true,
        _ => false,
    };
}
