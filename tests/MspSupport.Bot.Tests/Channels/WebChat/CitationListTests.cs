using MspSupport.Bot.Channels.WebChat;
using MspSupport.Core.Cards;

namespace MspSupport.Bot.Tests.Channels.WebChat;

public sealed class CitationListTests
{
    private const string Title = "VPN drops, MTU and fragmentation";

    [Fact]
    public void Each_place_is_listed_once_as_title_and_section_without_the_title_twice()
    {
        var markdown = CitationList.Markdown(
        [
            new NumberedCitation(1, Title, Title, "https://kb.example.com/network/vpn-drops.md"),
            new NumberedCitation(2, Title, $"{Title} › Steps", "https://kb.example.com/network/vpn-drops.md"),
            new NumberedCitation(3, Title, $"{Title} › Steps", "https://kb.example.com/network/vpn-drops.md"),
            new NumberedCitation(4, "Printers", "Paper jams", "hardware/printers.md"),
        ]);

        var lines = markdown.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            $"- \\[1\\] [{Title}](https://kb.example.com/network/vpn-drops.md)",
            $"- \\[2\\]\\[3\\] [{Title} › Steps](https://kb.example.com/network/vpn-drops.md)",
            "- \\[4\\] Printers › Paper jams (`hardware/printers.md`)",
        ], lines);
    }
}
