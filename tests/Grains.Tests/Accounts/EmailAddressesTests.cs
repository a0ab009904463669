using Lector.Abstractions.Accounts;

namespace Lector.Grains.Tests.Accounts;

public sealed class EmailAddressesTests
{
    [Theory]
    [InlineData("  Ada@Example.TEST ", "ada@example.test")]
    [InlineData("ａｄａ＠ｅｘａｍｐｌｅ．ｔｅｓｔ", "ada@example.test")] // full-width forms
    [InlineData("𝐚𝐝𝐚@example.test", "ada@example.test")] // mathematical bold letters
    [InlineData("a\u200Bda@exam\u00ADple.test", "ada@example.test")] // zero-width space, soft hyphen
    [InlineData("ada@example\u3002test", "ada@example.test")] // ideographic full stop
    [InlineData("\u212Aelvin@example.test", "kelvin@example.test")] // Kelvin sign
    [InlineData("ΣΟΦΊΑ@example.test", "σοφία@example.test")]
    [InlineData("σοφίας@example.test", "σοφίασ@example.test")] // final sigma folds like the plain one
    [InlineData("ada@xn--bcher-kva.example", "ada@bücher.example")] // punycode domain in its Unicode form
    [InlineData("ada@BÜCHER.example", "ada@bücher.example")]
    [InlineData("ada@xn--invalid-.example", "ada@xn--invalid-.example")] // not punycode: left for validation
    [InlineData("\u202E", "")] // nothing visible
    public void Addresses_are_normalized_to_one_spelling(string raw, string normalized) =>
        Assert.Equal(normalized, EmailAddresses.Normalize(raw));

    [Fact]
    public void An_address_with_a_lone_surrogate_normalizes_to_nothing_for_validation_to_refuse() =>
        Assert.Equal("", EmailAddresses.Normalize(string.Concat("ada", char.ConvertFromUtf32(0x1F600).AsSpan(0, 1), "@example.test")));

    [Theory]
    [InlineData("pаypal@example.test", "paypal@example.test")] // Cyrillic а
    [InlineData("рауpаl@example.test", "paypal@example.test")] // all Cyrillic
    [InlineData("pαypal@example.test", "paypal@example.test")] // Greek α
    [InlineData("paypal@ехample.test", "paypal@example.test")] // Cyrillic е and х in the domain
    [InlineData("gооgle@example.test", "google@example.test")]
    [InlineData("ɑda@example.test", "ada@example.test")] // Latin alpha
    [InlineData("ada‐lovelace@example.test", "ada-lovelace@example.test")] // hyphen U+2010
    [InlineData("ada@example.test", "ada@example.test")] // ASCII is its own skeleton
    [InlineData("иван@почта.рф", "ивaн@пoчтa.pф")] // whole-script Cyrillic keeps what does not look Latin
    public void Skeletons_replace_look_alike_letters_with_the_ASCII_ones(string normalized, string skeleton) =>
        Assert.Equal(skeleton, EmailAddresses.Skeleton(normalized));

    [Fact]
    public void A_skeleton_is_its_own_skeleton()
    {
        foreach (var address in new[] { "рауpаl@ехample.test", "ɑdα@ʏahoo.test", "ӏіνе@һоѕt.test" })
        {
            var skeleton = EmailAddresses.Skeleton(address);
            Assert.Equal(skeleton, EmailAddresses.Skeleton(skeleton));
            Assert.All(skeleton, c => Assert.True(char.IsAscii(c), $"{address} -> {skeleton}"));
        }
    }
}
