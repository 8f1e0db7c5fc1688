using System.IO.Compression;
using System.Text.RegularExpressions;

namespace MspSupport.Bot.Channels.Teams;

/// <summary>
/// Builds the Teams app package (manifest.json + color.png + outline.png in one zip) from the template in
/// <c>manifests/teams</c>, filling its <c>${{NAME}}</c> placeholders. Refuses values that would make Teams reject the app.
/// </summary>
public static partial class TeamsAppPackage
{
    public static readonly string[] Files = ["manifest.json", "color.png", "outline.png"];

    /// <summary>Writes the package to <paramref name="zipPath"/>; returns the filled manifest text.</summary>
    public static string Build(string templateFolder, IReadOnlyDictionary<string, string> values, string zipPath)
    {
        ArgumentNullException.ThrowIfNull(values);
        Check(values);
        var manifest = Placeholder().Replace(File.ReadAllText(Path.Combine(templateFolder, "manifest.json")), match =>
            values.TryGetValue(match.Groups[1].Value, out var value)
                ? value
                : throw new ArgumentException($"The manifest needs a value for {match.Groups[1].Value}."));

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(zipPath))!);
        File.Delete(zipPath);
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        using (var writer = new StreamWriter(zip.CreateEntry("manifest.json").Open()))
        {
            writer.Write(manifest);
        }

        foreach (var icon in Files.Skip(1))
        {
            zip.CreateEntryFromFile(Path.Combine(templateFolder, icon), icon);
        }

        return manifest;
    }

    /// <summary>The <c>manifests/teams</c> folder of the repository holding <paramref name="start"/>.</summary>
    public static string FindTemplate(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "manifests", "teams");
            if (File.Exists(Path.Combine(candidate, "manifest.json")))
            {
                return candidate;
            }
        }

        throw new IOException("Could not find manifests/teams/manifest.json above the current folder; pass --template.");
    }

    private static void Check(IReadOnlyDictionary<string, string> values)
    {
        foreach (var id in new[] { "TEAMS_APP_ID", "BOT_ID" })
        {
            if (!values.TryGetValue(id, out var value) || !Guid.TryParse(value, out _))
            {
                throw new ArgumentException($"{id} must be a GUID (the Teams app id; the bot id is the Azure Bot's Microsoft App ID).");
            }
        }

        if (!values.TryGetValue("BOT_DOMAIN", out var domain) || Uri.CheckHostName(domain) != UriHostNameType.Dns)
        {
            throw new ArgumentException("BOT_DOMAIN must be the bot's host name, e.g. support-bot.example.com (no scheme, no path).");
        }

        if (!values.TryGetValue("MSP_WEBSITE", out var site) || !Uri.TryCreate(site, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("MSP_WEBSITE must be an https URL of the MSP's site.");
        }

        if (!values.TryGetValue("MSP_NAME", out var name) || name.Length is 0 or > 32)
        {
            throw new ArgumentException("MSP_NAME must be 1 to 32 characters (Teams shows it as the developer name).");
        }
    }

    [GeneratedRegex(@"\$\{\{([A-Z_]+)\}\}")]
    private static partial Regex Placeholder();
}
