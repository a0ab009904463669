using System.Data.Common;

namespace Lector.Grains.Storage;

public static class DbCommandExtensions
{
    /// <summary>Binds a named parameter; null becomes <see cref="DBNull"/>, as ADO.NET wants.</summary>
    public static void AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
