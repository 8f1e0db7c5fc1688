using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MspSupport.Core.Notifications;

namespace MspSupport.Core.Tests.Notifications;

/// <summary>The Notifications settings are checked at start-up, each failure naming its setting and what it should be.</summary>
public sealed class NotificationOptionsValidatorTests
{
    private readonly NotificationOptionsValidator _validator = new();

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(_validator.Validate(null, new NotificationOptions()).Succeeded);
    }

    [Theory]
    [InlineData(0, 1800, 24, "Notifications:RedeliveryIntervalSeconds must be from 1 to 3600")]
    [InlineData(3601, 86400, 24, "Notifications:RedeliveryIntervalSeconds must be from 1 to 3600")]
    [InlineData(60, 30, 24, "Notifications:RedeliveryMaxIntervalSeconds must be from Notifications:RedeliveryIntervalSeconds (60)")]
    [InlineData(30, 86401, 24, "Notifications:RedeliveryMaxIntervalSeconds must be from")]
    [InlineData(30, 1800, 0, "Notifications:RedeliveryMaxAgeHours must be from 1 to Notifications:SentRecordTtlHours (72)")]
    [InlineData(30, 1800, 73, "Notifications:RedeliveryMaxAgeHours must be from 1 to Notifications:SentRecordTtlHours (72)")]
    public void A_bad_redelivery_setting_is_refused_by_name(int interval, int maxInterval, int maxAge, string expected)
    {
        var result = _validator.Validate(null, new NotificationOptions
        {
            RedeliveryIntervalSeconds = interval,
            RedeliveryMaxIntervalSeconds = maxInterval,
            RedeliveryMaxAgeHours = maxAge,
        });

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(301)]
    public void A_first_send_timeout_out_of_range_is_refused_by_name(int seconds)
    {
        var result = _validator.Validate(null, new NotificationOptions { FirstSendTimeoutSeconds = seconds });

        Assert.Equal($"Notifications:FirstSendTimeoutSeconds must be from 1 to 300 seconds (default 5); it is {seconds}.", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Retries_may_last_as_long_as_the_sent_record_and_no_longer()
    {
        Assert.True(_validator.Validate(null, new NotificationOptions { SentRecordTtlHours = 48, RedeliveryMaxAgeHours = 48 }).Succeeded);
        Assert.False(_validator.Validate(null, new NotificationOptions { SentRecordTtlHours = 12, RedeliveryMaxAgeHours = 24 }).Succeeded);
    }

    [Fact]
    public void A_host_reading_a_bad_setting_from_configuration_is_told_its_name()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Notifications:RedeliveryMaxAgeHours"] = "100",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddRequesterNotifications(configuration).BuildServiceProvider();

        var refused = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<NotificationOptions>>().Value);

        Assert.Contains("Notifications:RedeliveryMaxAgeHours", refused.Message, StringComparison.Ordinal);
    }
}
