using System.Data.Common;

namespace Lector.Grains.Storage;

public static class DbCommandExtensions
{
    /// <summary>Binds a named parameter (null becomes <see cref="DBNull"/>, as ADO.NET wants) and returns it, so a loop can rebind it.</summary>
    public static DbParameter AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
