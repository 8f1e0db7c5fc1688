using System.Text.Json;

namespace MspSupport.Infra.Tests;

[Collection(SynthesisCollection.Name)]
public sealed class BotStackTests(SynthesizedApps apps)
{
    [Fact]
    public void Service_scales_from_one_to_five_instances_at_100_concurrent_requests_each()
    {
        var scaling = apps.Demo.Bot.One("AWS::AppRunner::AutoScalingConfiguration");

        Assert.Equal(1, scaling.GetProperty("MinSize").GetInt32());
        Assert.Equal(5, scaling.GetProperty("MaxSize").GetInt32());
        Assert.Equal(100, scaling.GetProperty("MaxConcurrency").GetInt32());
        Assert.Contains("Scaling", Service(apps.Demo).GetProperty("AutoScalingConfigurationArn").Raw(), StringComparison.Ordinal);
    }

    [Fact]
    public void Service_health_check_is_an_http_get_of_health()
    {
        var check = Service(apps.Demo).GetProperty("HealthCheckConfiguration");

        Assert.Equal("HTTP", check.Str("Protocol"));
        Assert.Equal("/health", check.Str("Path"));
    }

    [Fact]
    public void Service_runs_the_tagged_image_from_the_stacks_repository_on_port_8080_with_its_instance_role()
    {
        var service = Service(apps.Demo);

        var image = service.GetProperty("SourceConfiguration").GetProperty("ImageRepository");
        Assert.Equal("ECR", image.Str("ImageRepositoryType"));
        Assert.Contains("Images", image.GetProperty("ImageIdentifier").Raw(), StringComparison.Ordinal);
        Assert.Contains($":{TestSettings.ImageTag}", image.GetProperty("ImageIdentifier").Raw(), StringComparison.Ordinal);
        Assert.Equal("8080", image.GetProperty("ImageConfiguration").Str("Port"));
        Assert.False(service.GetProperty("SourceConfiguration").GetProperty("AutoDeploymentsEnabled").GetBoolean());
        Assert.Contains("InstanceRole", service.GetProperty("InstanceConfiguration").GetProperty("InstanceRoleArn").Raw(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bot_secrets_reach_the_service_as_runtime_secrets_from_secrets_manager()
    {
        var secrets = Service(apps.Demo).GetProperty("SourceConfiguration").GetProperty("ImageRepository")
            .GetProperty("ImageConfiguration").GetProperty("RuntimeEnvironmentSecrets").EnumerateArray()
            .ToDictionary(s => s.Str("Name"), s => s.GetProperty("Value").Raw());

        Assert.Equal(["Slack__BotToken", "Slack__SigningSecret", "Teams__AppPassword", "WebChat__TokenSigningKey"], secrets.Keys.Order());
        Assert.Equal(4, apps.Demo.Bot.Resources("AWS::SecretsManager::Secret").Count);
        Assert.All(secrets.Values, v => Assert.StartsWith("""{"Ref":""", v, StringComparison.Ordinal));
        var variables = Service(apps.Demo).GetProperty("SourceConfiguration").GetProperty("ImageRepository")
            .GetProperty("ImageConfiguration").GetProperty("RuntimeEnvironmentVariables").Raw();
        Assert.DoesNotContain("Password", variables, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Secret", variables, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SigningKey", variables, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Signed_web_chat_takes_its_identity_secret_from_secrets_manager_and_generates_long_keys()
    {
        var secrets = Service(apps.Production).GetProperty("SourceConfiguration").GetProperty("ImageRepository")
            .GetProperty("ImageConfiguration").GetProperty("RuntimeEnvironmentSecrets").EnumerateArray()
            .Select(s => s.Str("Name")).ToList();

        Assert.Contains("WebChat__Auth__IdentitySecret", secrets);
        Assert.Contains("WebChat__TokenSigningKey", secrets);
        var generated = apps.Production.Bot.Resources("AWS::SecretsManager::Secret")
            .Select(s => s.Resource.GetProperty("Properties"))
            .Single(p => p.Str("Name") == "MspSupport-prod/WebChatIdentitySecret")
            .GetProperty("GenerateSecretString");
        Assert.Equal(BotStack.KeyLength, generated.GetProperty("PasswordLength").GetInt32());
        Assert.True(BotStack.KeyLength >= 32);
    }

    [Fact]
    public void Before_the_first_image_push_the_stack_creates_the_repository_but_no_service()
    {
        Assert.Single(apps.FirstDeploy.Bot.Resources("AWS::ECR::Repository"));
        Assert.Empty(apps.FirstDeploy.Bot.Resources("AWS::AppRunner::Service"));
    }

    [Fact]
    public void Repository_scans_images_and_never_overwrites_a_tag()
    {
        var repository = apps.Demo.Bot.One("AWS::ECR::Repository");

        Assert.True(repository.GetProperty("ImageScanningConfiguration").GetProperty("ScanOnPush").GetBoolean());
        Assert.Equal("IMMUTABLE", repository.Str("ImageTagMutability"));
    }

    private static JsonElement Service(SynthesizedEnvironment environment) => environment.Bot.One("AWS::AppRunner::Service");
}
