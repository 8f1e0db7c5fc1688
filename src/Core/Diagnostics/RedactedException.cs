namespace MspSupport.Core.Diagnostics;

/// <summary>
/// Stands in for an exception whose message or stack text holds something <see cref="LogRedactor"/> hides; its
/// <see cref="ToString"/> is the original's, redacted (type, message, inner exceptions and stack).
/// </summary>
internal sealed class RedactedException : Exception
{
    private readonly string _text;

    private RedactedException(string message, string text)
        : base(message)
    {
        _text = text;
    }

    public RedactedException()
        : this("", "")
    {
    }

    public RedactedException(string message)
        : this(message, message)
    {
    }

    public RedactedException(string message, Exception innerException)
        : base(message, innerException)
    {
        _text = message;
    }

    public override string? StackTrace => null;

    /// <summary>The exception itself when nothing in it needs hiding, so that providers keep its type and stack.</summary>
    public static Exception? From(Exception? exception)
    {
        if (exception is null)
        {
            return null;
        }

        var text = exception.ToString();
        var redacted = LogRedactor.Redact(text);
        return ReferenceEquals(redacted, text) ? exception : new RedactedException(LogRedactor.Redact(exception.Message), redacted);
    }

    public override string ToString() => _text;
}
