using System.Text.Json;

namespace MspSupport.Infra.Tests;

public sealed class CdkJsonTests
{
    private readonly JsonElement _cdk = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.File("infra", "cdk.json"))).RootElement.Clone();

    [Fact]
    public void Cdk_json_runs_the_csharp_app_project()
    {
        Assert.Equal("dotnet run --project MspSupport.Infra", _cdk.GetProperty("app").GetString());
        Assert.True(Directory.Exists(RepositoryRoot.File("infra", "MspSupport.Infra")));
    }

    [Fact]
    public void Cdk_json_context_reads_as_valid_settings_once_api_keys_are_given()
    {
        var context = _cdk.GetProperty("context").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        context["apiKeys"] = "helpdesk:Technician::" + new string('c', 64);

        var settings = DeploymentSettings.FromContext(key => context.GetValueOrDefault(key));

        Assert.Equal("demo", settings.EnvironmentName);
        Assert.Equal(FunctionArchitecture.X64, settings.Architecture);
        // The zip the build script writes by default, seen from infra/ where the CDK CLI runs the app.
        Assert.Equal("../artifacts/lambda/ticket-functions-x64.zip", settings.TicketFunctionCode);
        Assert.Equal(new ModelIds(), settings.Models);
    }
}
