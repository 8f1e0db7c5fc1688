using System.Text.Json;
using MspSupport.Core.Tickets;

namespace MspSupport.Core.Tests.Tickets;

public sealed class UtcTimestampJsonConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new UtcTimestampJsonConverter() } };

    [Fact]
    public void A_time_is_written_in_the_fixed_utc_format_and_read_back_equal()
    {
        var time = new DateTimeOffset(2026, 11, 25, 18, 48, 44, 123, TimeSpan.Zero);

        var json = JsonSerializer.Serialize(time, Options);

        Assert.Equal("\"2026-11-25T18:48:44.123Z\"", json);
        Assert.Equal(time, JsonSerializer.Deserialize<DateTimeOffset>(json, Options));
    }

    [Fact]
    public void A_time_in_another_offset_is_written_as_the_same_instant_in_utc()
    {
        var time = new DateTimeOffset(2026, 11, 25, 20, 48, 44, 5, TimeSpan.FromHours(2));

        Assert.Equal("\"2026-11-25T18:48:44.005Z\"", JsonSerializer.Serialize(time, Options));
    }

    [Theory]
    [InlineData("\"2026-11-25T20:48:44.123+02:00\"")]
    [InlineData("\"2026-11-25T18:48:44.123\"")]
    [InlineData("\"2026-11-25T18:48:44.123Z\"")]
    public void A_time_with_an_offset_or_none_is_read_as_utc(string json)
    {
        var read = JsonSerializer.Deserialize<DateTimeOffset>(json, Options);

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 18, 48, 44, 123, TimeSpan.Zero), read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
    }

    [Theory]
    [InlineData("\"yesterday\"")]
    [InlineData("\"2026-13-45T99:00:00Z\"")]
    public void Text_that_is_no_time_is_refused(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DateTimeOffset>(json, Options));
}
