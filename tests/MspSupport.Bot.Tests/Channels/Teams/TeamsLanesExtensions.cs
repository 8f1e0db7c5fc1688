using Microsoft.Extensions.DependencyInjection;
using MspSupport.Bot.Channels.Teams;

namespace MspSupport.Bot.Tests.Channels.Teams;

internal static class TeamsLanesExtensions
{
    /// <summary>
    /// Waits until every Teams activity the host acknowledged has been handled: messages are answered 200 first and
    /// worked on afterwards, so a test that looks at the store or the logs waits for this.
    /// </summary>
    public static async Task WaitForTeamsTurnsAsync(this IServiceProvider services, TimeSpan? timeout = null)
    {
        var lanes = services.GetRequiredService<TeamsActivityLanes>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (lanes.InFlight > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{lanes.InFlight} Teams activities still in hand after {timeout ?? TimeSpan.FromSeconds(30)}.");
            }

            await Task.Delay(20);
        }
    }
}
