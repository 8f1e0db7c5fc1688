namespace MspSupport.Bot.Tests;

/// <summary>Polls a condition until it holds; the limit is a bound for a loaded machine, not a speed check.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static async Task<T> FindAsync<T>(Func<Task<T?>> probe, Func<string> whatWasSeen, TimeSpan? limit = null)
        where T : class
    {
        using var timeout = new CancellationTokenSource(limit ?? Limit);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException(whatWasSeen());
            }

            await Task.Delay(25, CancellationToken.None);
        }
    }

    public static Task<T> FindAsync<T>(Func<T?> probe, Func<string> whatWasSeen, TimeSpan? limit = null)
        where T : class =>
        FindAsync(() => Task.FromResult(probe()), whatWasSeen, limit);
}
