namespace MspSupport.Testing;

/// <summary>The folder holding MspSupport.sln, found by walking up from the test assembly.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MspSupport.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find MspSupport.sln above " + AppContext.BaseDirectory);
    }
}
