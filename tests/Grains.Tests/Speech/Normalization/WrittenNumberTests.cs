using Lector.Grains.Speech.Normalization;

namespace Lector.Grains.Tests.Speech.Normalization;

public sealed class WrittenNumberTests
{
    private static readonly NumberConventions English = new('.', ',', "point");
    private static readonly NumberConventions Spanish = new(',', '.', "coma");

    [Theory]
    [InlineData("1234", "1234", null)]
    [InlineData("1,234", "1234", null)]
    [InlineData("1,234,567.89", "1234567", "89")]
    [InlineData("1.234", "1", "234")]
    [InlineData("1.234,5", "1234", "5")]
    [InlineData("1\u00A0234,5", "1234", "5")]
    [InlineData("0.5", "0", "5")]
    public void English_conventions(string written, string whole, string? fraction)
    {
        var number = WrittenNumber.Parse(written, English);

        Assert.NotNull(number);
        Assert.Equal(whole, number.Value.Whole);
        Assert.Equal(fraction, number.Value.Fraction);
        Assert.Null(number.Value.DottedParts);
    }

    [Theory]
    [InlineData("1.234", "1234", null)]
    [InlineData("1.234.567", "1234567", null)]
    [InlineData("1.234,5", "1234", "5")]
    [InlineData("1,5", "1", "5")]
    [InlineData("1,234.5", "1234", "5")]
    [InlineData("1.5", "1", "5")]
    [InlineData("1,234,567", "1234567", null)]
    public void Spanish_conventions_and_the_other_convention_where_unambiguous(string written, string whole, string? fraction)
    {
        var number = WrittenNumber.Parse(written, Spanish);

        Assert.NotNull(number);
        Assert.Equal(whole, number.Value.Whole);
        Assert.Equal(fraction, number.Value.Fraction);
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("192.168.1.1")]
    [InlineData("10.0.401")]
    public void Versions_and_addresses_are_dotted_parts(string written)
    {
        var number = WrittenNumber.Parse(written, English);

        Assert.Equal(written.Split('.'), number?.DottedParts);
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("1,2,3")]
    [InlineData("5\u00A012")]
    [InlineData("1.234,5,6")]
    public void Ambiguous_writings_are_not_numbers(string written) => Assert.Null(WrittenNumber.Parse(written, English));
}
