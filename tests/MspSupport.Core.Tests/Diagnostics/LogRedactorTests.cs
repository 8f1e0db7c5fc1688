using MspSupport.Core.Diagnostics;

namespace MspSupport.Core.Tests.Diagnostics;

public sealed class LogRedactorTests
{
    [Theory]
    [InlineData("mail me at jane.doe+it@contoso.example.com please", "jane.doe+it@contoso.example.com", "[email]")]
    [InlineData("call +1 415 555 2671 after lunch", "415 555 2671", "[phone]")]
    [InlineData("call (020) 7946-0958", "7946-0958", "[phone]")]
    [InlineData("mobile: 555-123-4567", "555-123-4567", "[phone]")]
    [InlineData("desk 555-1234", "555-1234", "[phone]")]
    [InlineData("whatsapp +447700900123", "+447700900123", "[phone]")]
    [InlineData("token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLWJ5dGVz here", "eyJhbGciOiJSUzI1NiJ9", "[jwt]")]
    [InlineData("Authorization: Bearer abcDEF123456ghiJKL789", "abcDEF123456ghiJKL789", "[token]")]
    [InlineData("slack xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp", "xoxb-1234567890", "[slack-token]")]
    [InlineData("api_key=Zx9-secret-Value-42", "Zx9-secret-Value-42", "[redacted]")]
    [InlineData("my API key is 3f9a0c77d1e24b7f", "3f9a0c77d1e24b7f", "[redacted]")]
    [InlineData("{\"password\":\"hunter2!\"}", "hunter2!", "[redacted]")]
    [InlineData("key AKIAIOSFODNN7EXAMPLE leaked", "AKIAIOSFODNN7EXAMPLE", "[aws-key]")]
    [InlineData("use sk-proj-abcdefghijklmnop1234", "sk-proj-abcdefghijklmnop1234", "[api-key]")]
    [InlineData("https://admin:s3cr3t@db.internal/x", "s3cr3t", "[redacted]")]
    public void Personal_data_and_secrets_are_replaced_by_a_marker(string text, string secret, string marker)
    {
        var redacted = LogRedactor.Redact(text);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains(marker, redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Route: tier 1 (requested 1) because default; tokens 1200/340, cost 0.0012, 1234.5678 ms")]
    [InlineData("Request finished HTTP/1.1 POST http://localhost/tickets - 201 1234 application/json 12.3456ms")]
    [InlineData("trace 4bf92f3577b34da6a3ce929d0e0e4736 span 00f067aa0ba902b7")]
    [InlineData("ticket TKT-1NGEN2H-J7Q11 in conversation teams:a:1f2e-3d4c")]
    [InlineData("user 11111111-2222-4333-8444-555555555555 from 192.168.100.200 at 2026-11-25T21:34:09.154Z")]
    [InlineData("Token validation succeeded for the bot")]
    [InlineData("AuthenticationScheme: ApiKey was challenged. The API key is missing.")]
    public void Ordinary_log_text_is_left_alone(string text)
    {
        Assert.Same(text, LogRedactor.Redact(text));
    }
}
