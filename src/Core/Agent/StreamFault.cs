using System.Runtime.CompilerServices;

namespace MspSupport.Core.Agent;

/// <summary>
/// Holds the exception that ended a stream early. C# cannot yield inside a try with a catch, so a stream is
/// enumerated here by hand and its failure handed back instead of thrown. Cancellation by the caller still throws.
/// </summary>
public sealed class StreamFault
{
    public Exception? Exception { get; private set; }

    public static async IAsyncEnumerable<T> CatchAsync<T>(IAsyncEnumerable<T> source, StreamFault fault, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(fault);
        await using var enumerator = source.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception)
            {
                fault.Exception = exception;
                yield break;
            }

            yield return enumerator.Current;
        }
    }
}
