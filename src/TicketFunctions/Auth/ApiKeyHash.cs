using System.Security.Cryptography;
using System.Text;

namespace MspSupport.TicketFunctions.Auth;

/// <summary>API keys are configured by their SHA-256 only. Keys are long random strings, so an unsalted hash is enough.</summary>
public static class ApiKeyHash
{
    public static byte[] Of(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string HexOf(string key) => Convert.ToHexStringLower(Of(key));

    public static bool IsValid(string? hex) => hex is { Length: 64 } && hex.All(Uri.IsHexDigit);

    /// <summary>A new key for a client: 32 random bytes, URL-safe.</summary>
    public static string NewKey() => "msp_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
