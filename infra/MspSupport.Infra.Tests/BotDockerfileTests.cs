namespace MspSupport.Infra.Tests;

/// <summary>
/// The bot image cannot be built here (no Docker engine, and src/Bot arrives with another issue); these checks
/// read the Dockerfile for what App Runner and the stack rely on. deploy.yml builds it for real.
/// </summary>
public sealed class BotDockerfileTests
{
    private readonly List<string> _lines = [.. File.ReadAllLines(RepositoryRoot.File("deploy", "bot", "Dockerfile"))
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))];

    [Fact]
    public void Image_is_built_with_the_sdk_and_runs_on_the_chiseled_aspnet_runtime()
    {
        var stages = _lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, stages.Count);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 ", stages[0], StringComparison.Ordinal);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled ", stages[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Image_publishes_the_bot_project()
    {
        Assert.Contains(_lines, l => l.StartsWith("RUN dotnet publish src/Bot/MspSupport.Bot.csproj", StringComparison.Ordinal));
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"MspSupport.Bot.dll\"]", _lines);
    }

    [Fact]
    public void Container_runs_as_a_non_root_user_on_port_8080_where_app_runner_sends_traffic()
    {
        var runtime = _lines.SkipWhile(l => !l.Contains("chiseled", StringComparison.Ordinal)).ToList();

        Assert.Contains("USER $APP_UID", runtime);
        Assert.Contains("EXPOSE 8080", runtime);
        Assert.Contains("ENV ASPNETCORE_HTTP_PORTS=8080", runtime);
        Assert.Equal("8080", BotStack.ServicePort);
    }

    [Fact]
    public void Build_copies_every_project_the_bot_references_and_the_knowledge_articles()
    {
        var project = File.ReadAllText(RepositoryRoot.File("src", "Bot", "MspSupport.Bot.csproj"));
        var references = System.Text.RegularExpressions.Regex.Matches(project, "ProjectReference Include=\"\\.\\./([^/]+)/")
            .Select(m => m.Groups[1].Value)
            .ToList();

        Assert.NotEmpty(references);
        Assert.All(references, folder => Assert.Contains($"COPY src/{folder}/ src/{folder}/", _lines));
        Assert.Contains("COPY knowledge/ /app/knowledge/", _lines);
        Assert.Contains(_lines, l => l.StartsWith("COPY --from=build --chown=1654:1654 ", StringComparison.Ordinal) && l.EndsWith(" ./data", StringComparison.Ordinal));
    }
}
