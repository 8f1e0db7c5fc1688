using Microsoft.Extensions.Logging;

namespace MspSupport.Core.Diagnostics;

/// <summary>One category's logger behind <see cref="RedactingLoggerFactory"/>.</summary>
internal sealed class RedactingLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull =>
        state is string text ? inner.BeginScope(LogRedactor.Redact(text)) : inner.BeginScope(new RedactedLogValues(state, null));

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        var message = LogRedactor.Redact(formatter(state, exception) ?? "");
        inner.Log(logLevel, eventId, new RedactedLogValues((object?)state ?? message, message), RedactedException.From(exception), static (values, _) => values.ToString());
    }
}
