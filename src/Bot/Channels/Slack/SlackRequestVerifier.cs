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

    private SigningKey? _key;

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

        var body = await ReadAsync(request.Body, request.ContentLength, cancellationToken);
        if (body is null)
        {
            return (null, "the body is larger than a Slack request can be, or shorter than its Content-Length");
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
        Compute(KeyOf(secret), timestamp, body, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected) ? null : "the signature does not match";
    }

    /// <summary>The <c>v0=…</c> signature Slack would send for this body; used by the benchmark and the tests.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Span<byte> mac = stackalloc byte[32];
        Compute(Encoding.UTF8.GetBytes(secret), timestamp, body, mac);
        return "v0=" + Convert.ToHexStringLower(mac);
    }

    // One-shot HMAC over "v0:{timestamp}:{body}" in a pooled buffer: no HMAC context object (and its finalizer) per
    // request, as IncrementalHash would allocate on the acknowledgement path.
    private static void Compute(ReadOnlySpan<byte> key, string timestamp, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var length = 4 + Encoding.UTF8.GetByteCount(timestamp) + body.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var message = rented.AsSpan(0, length);
            "v0:"u8.CopyTo(message);
            var at = 3 + Encoding.UTF8.GetBytes(timestamp, message[3..]);
            message[at++] = (byte)':';
            body.CopyTo(message[at..]);
            HMACSHA256.HashData(key, message, destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private byte[] KeyOf(string secret)
    {
        var cached = _key;
        if (cached is not null && ReferenceEquals(cached.Secret, secret))
        {
            return cached.Bytes;
        }

        cached = new SigningKey(secret, Encoding.UTF8.GetBytes(secret));
        _key = cached;
        return cached.Bytes;
    }

    private static async Task<byte[]?> ReadAsync(Stream stream, long? contentLength, CancellationToken cancellationToken)
    {
        if (contentLength is { } known)
        {
            // The usual case: one array of the right size, filled straight from the connection.
            var exact = new byte[known];
            var filled = 0;
            int read;
            while (filled < exact.Length && (read = await stream.ReadAsync(exact.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += read;
            }

            return filled == exact.Length ? exact : null;
        }

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

    private sealed record SigningKey(string Secret, byte[] Bytes);
}
