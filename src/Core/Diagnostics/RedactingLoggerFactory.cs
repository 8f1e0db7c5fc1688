using Microsoft.Extensions.Logging;

namespace MspSupport.Core.Diagnostics;

/// <summary>
/// The host's logger factory with every logger wrapped so that messages, structured values, scopes and exception
/// text pass through <see cref="LogRedactor"/> before any provider (console, OpenTelemetry, a test's capture) sees
/// them. Wrapping the factory rather than each provider keeps provider-specific level filters working.
/// </summary>
public sealed class RedactingLoggerFactory : ILoggerFactory
{
    private readonly ILoggerFactory _inner;

    public RedactingLoggerFactory(ILoggerFactory inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(_inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => _inner.AddProvider(provider);

    public void Dispose() => _inner.Dispose();
}
