using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;
using MspSupport.Bot.Channels.Teams;
using MspSupport.Testing;

namespace MspSupport.Bot.Tests.Manifests;

public sealed class TeamsAppPackageTests : IDisposable
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["TEAMS_APP_ID"] = "3c1d8f0e-4b6a-4a4e-9b1a-2f0d6c5e7a11",
        ["BOT_ID"] = "9a8b7c6d-1e2f-4a3b-8c4d-5e6f7a8b9c0d",
        ["BOT_DOMAIN"] = "support-bot.contoso-msp.example",
        ["MSP_NAME"] = "Contoso MSP",
        ["MSP_WEBSITE"] = "https://contoso-msp.example",
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("msp-teams-package").FullName;
    private readonly string _template = Path.Combine(RepositoryRoot.Path, "manifests", "teams");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_package_holds_a_manifest_valid_against_the_official_schema_and_both_icons()
    {
        var zipPath = Path.Combine(_folder, "app.zip");
        TeamsAppPackage.Build(_template, Values, zipPath);

        using var zip = ZipFile.OpenRead(zipPath);
        Assert.Equal(TeamsAppPackage.Files.Order(), zip.Entries.Select(e => e.FullName).Order());
        zip.ExtractToDirectory(_folder);
        var (exitCode, output) = await NodeScript.RunAsync("validate-teams-manifest.mjs", Path.Combine(_folder, "manifest.json"));

        Assert.True(exitCode == 0, output);
        Assert.Contains("official v1.30 schema", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_manifest_offers_the_bot_everywhere_with_its_commands()
    {
        var manifest = JsonNode.Parse(TeamsAppPackage.Build(_template, Values, Path.Combine(_folder, "app.zip")))!;
        var bot = manifest["bots"]![0]!;

        Assert.Equal(Values["TEAMS_APP_ID"], (string)manifest["id"]!);
        Assert.Equal(Values["BOT_ID"], (string)bot["botId"]!);
        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(["help", "my tickets", "new ticket"], bot["commandLists"]![0]!["commands"]!.AsArray().Select(c => (string)c!["title"]!));
        Assert.DoesNotContain("${{", manifest.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("color.png", 192)]
    [InlineData("outline.png", 32)]
    public void Icons_have_the_sizes_teams_requires(string file, int size)
    {
        var (width, height, colorType) = PngHeader(File.ReadAllBytes(Path.Combine(_template, file)));

        Assert.Equal((size, size), (width, height));
        Assert.Equal(6, colorType); // RGBA: the outline icon must be transparent around a white shape
    }

    [Theory]
    [InlineData("TEAMS_APP_ID", "not-a-guid")]
    [InlineData("BOT_DOMAIN", "https://bot.example.com/api")]
    [InlineData("MSP_WEBSITE", "http://contoso-msp.example")]
    [InlineData("MSP_NAME", "A name far too long for the Teams developer field")]
    public void Values_teams_would_reject_are_refused_before_anything_is_written(string key, string value)
    {
        var zipPath = Path.Combine(_folder, "bad.zip");
        var bad = new Dictionary<string, string>(Values) { [key] = value };

        var error = Assert.Throws<ArgumentException>(() => TeamsAppPackage.Build(_template, bad, zipPath));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(zipPath));
    }

    private static (int Width, int Height, byte ColorType) PngHeader(byte[] png)
    {
        Assert.Equal("\u0089PNG", System.Text.Encoding.Latin1.GetString(png, 0, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)), png[25]);
    }
}
