using MspSupport.Bot.Channels.Slack;

namespace MspSupport.Bot.Tests.Channels.Slack;

/// <summary><c>Slack:WorkerThreads</c>: a core is kept for the acknowledgements unless set, and a bad value fails start-up by name.</summary>
public sealed class SlackWorkerThreadsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(8, 7)]
    public void Unset_it_is_one_fewer_than_the_cores_and_at_least_one(int cores, int expected) =>
        Assert.Equal(expected, Options(null).WorkerThreadsFor(cores));

    [Fact]
    public void Set_it_is_what_was_set() => Assert.Equal(3, Options(3).WorkerThreadsFor(2));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(257)]
    public void Out_of_range_it_fails_validation_naming_the_setting(int threads)
    {
        var result = new SlackOptionsValidator().Validate(null, Options(threads));
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Slack:WorkerThreads must be between 1 and 256", StringComparison.Ordinal));
    }

    [Fact]
    public void Unset_or_in_range_it_passes() =>
        Assert.True(new SlackOptionsValidator().Validate(null, Options(null)).Succeeded && new SlackOptionsValidator().Validate(null, Options(16)).Succeeded);

    private static SlackOptions Options(int? threads) => new() { SigningSecret = "secret", BotToken = "xoxb-test", WorkerThreads = threads };
}
