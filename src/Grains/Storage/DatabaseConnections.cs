using System.Data.Common;

namespace Lector.Grains.Storage;

/// <summary>
/// Connections to the grain state database, for Orleans and for Lector's own queries alike, each made ready by
/// <paramref name="prepare"/> as it opens: the one place where per-connection settings reach the connections Orleans
/// opens itself. Pooling stays the driver's own, keyed by the connection string.
/// </summary>
internal sealed class DatabaseConnections(string connectionString, Func<string, DbConnection> create, Action<DbConnection> prepare) : DbDataSource
{
    public override string ConnectionString => connectionString;

    protected override DbConnection CreateDbConnection() => create(connectionString);

    protected override DbConnection OpenDbConnection()
    {
        var connection = CreateDbConnection();
        try
        {
            connection.Open();
            prepare(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = CreateDbConnection();
        try
        {
            await connection.OpenAsync(cancellationToken);
            prepare(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
