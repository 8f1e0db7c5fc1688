using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MspSupport.Bot.Channels.Slack;

/// <summary>
/// Checks that a request comes from Slack before anything reads its body as data: the <c>v0</c> HMAC-SHA256 signature
/// over <c>v0:{timestamp}:{raw body}</c> with the signing secret, compared in constant time, and a timestamp inside the
/// replay window. See "Verifying requests from Slack".
/// </summary>
public sealed class SlackRequestVerifier(IOptions<SlackOptions> options, TimeProvider time)
{
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public const string SignatureHeader = "X-Slack-Signature";
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>Reads the raw body (at most <see cref="MaxBodyBytes"/>) and verifies it; the body is returned only when verified.</summary>
    public async Task<(byte[]? Body, string? Failure)> ReadVerifiedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var timestamp = request.Headers[TimestampHeader].ToString();
        var signature = request.Headers[SignatureHeader].ToString();
        if (timestamp.Length == 0 || signature.Length == 0)
        {
            return (null, "the X-Slack-Request-Timestamp or X-Slack-Signature header is missing");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, "the body is larger than a Slack request can be");
        }

        var body = await ReadAsync(request.Body, cancellationToken);
        if (body is null)
        {
            return (null, "the body is larger than a Slack request can be");
        }

        var failure = Verify(timestamp, signature, body);
        return failure is null ? (body, null) : (null, failure);
    }

    /// <summary>Null when the request is genuine and fresh; otherwise why not, for the log.</summary>
    public string? Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        var secret = options.Value.SigningSecret;
        if (string.IsNullOrEmpty(secret))
        {
            return "no signing secret is configured";
        }

        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return "the X-Slack-Request-Timestamp or X-Slack-Signature header is missing";
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "the timestamp is not a number";
        }

        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        if (age.Duration() > options.Value.ReplayWindow)
        {
            return "the timestamp is outside the replay window";
        }

        if (!signature.StartsWith("v0=", StringComparison.Ordinal) || signature.Length != 3 + 64)
        {
            return "the signature is not a v0 signature";
        }

        Span<byte> given = stackalloc byte[32];
        if (Convert.FromHexString(signature.AsSpan(3), given, out _, out var written) != OperationStatus.Done || written != 32)
        {
            return "the signature is not hex";
        }

        Span<byte> expected = stackalloc byte[32];
        Compute(secret, timestamp, body, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected) ? null : "the signature does not match";
    }

    /// <summary>The <c>v0=…</c> signature Slack would send for this body; used by the benchmark and the tests.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Span<byte> mac = stackalloc byte[32];
        Compute(secret, timestamp, body, mac);
        return "v0=" + Convert.ToHexStringLower(mac);
    }

    private static void Compute(string secret, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var key = Encoding.UTF8.GetBytes(secret);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        hmac.GetHashAndReset(destination);
    }

    private static async Task<byte[]?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
