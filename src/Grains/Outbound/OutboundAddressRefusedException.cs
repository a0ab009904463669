namespace Lector.Grains.Outbound;

/// <summary>A call's target resolves to an address <see cref="OutboundAddressPolicy"/> does not allow.</summary>
public sealed class OutboundAddressRefusedException : Exception
{
    public OutboundAddressRefusedException()
        : base("The target resolves to an address that is not allowed.")
    {
    }

    public OutboundAddressRefusedException(string message)
        : base(message)
    {
    }

    public OutboundAddressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
