using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Lector.Abstractions.Accounts;

/// <summary>Random bearer secrets and the hashes they are stored and looked up by.</summary>
public static class Secrets
{
    public static string NewToken(string prefix) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Whether <paramref name="value"/> has the shape of an id from <see cref="NewId"/> (users and documents alike).</summary>
    public static bool IsId(string value) => value.Length == 32 && value.All(char.IsAsciiHexDigitLower);

    /// <summary>Secrets have 256 bits of entropy, so a fast hash is enough; the hash is a grain key.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
