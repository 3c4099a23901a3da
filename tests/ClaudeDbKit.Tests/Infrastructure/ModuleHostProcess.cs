using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace ClaudeDbKit.Tests.Infrastructure;

/// <summary>
/// Runs tests/ClaudeDbKit.ModuleHost: a plain .NET process that imports the laid-out module as pwsh would and
/// reports, as JSON, each step's outcome and the load context of every assembly of interest.
/// </summary>
public static class ModuleHostProcess
{
    public static async Task<ModuleHostReport> RunAsync(IEnumerable<string> arguments)
    {
        Assert.True(File.Exists(Repository.ModuleHostAssembly), $"{Repository.ModuleHostAssembly} is missing: build the solution first.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Repository.ModuleHostAssembly);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"The module host exited with {process.ExitCode}:\n{await stderr}\n{await stdout}");
        return new ModuleHostReport(JsonDocument.Parse(await stdout).RootElement.Clone());
    }
}

/// <summary>What the module host printed.</summary>
public sealed class ModuleHostReport(JsonElement facts)
{
    /// <summary>Every assembly of interest the process ended with.</summary>
    public IReadOnlyList<LoadedAssembly> Assemblies { get; } = facts.GetProperty("assemblies").EnumerateArray()
        .Select(a => new LoadedAssembly(a.GetProperty("name").GetString()!, a.GetProperty("version").GetString()!,
            a.GetProperty("context").GetString(), a.GetProperty("contextType").GetString(), a.GetProperty("location").GetString()!))
        .ToList();

    /// <summary>The value of a step that must have succeeded.</summary>
    public string Value(string step)
    {
        var outcome = Step(step);
        if (!outcome.GetProperty("ok").GetBoolean())
            Assert.Fail($"Step {step} failed: {outcome.GetProperty("error").GetString()}\n{this}");
        return outcome.GetProperty("value").GetString()!;
    }

    /// <summary>The error of a step that must have failed.</summary>
    public string Error(string step)
    {
        var outcome = Step(step);
        if (outcome.GetProperty("ok").GetBoolean())
            Assert.Fail($"Step {step} succeeded: {outcome.GetProperty("value").GetString()}\n{this}");
        return outcome.GetProperty("error").GetString()!;
    }

    public IReadOnlyList<LoadedAssembly> Named(string name) => Assemblies.Where(a => a.Name == name).ToList();

    public override string ToString() => facts.ToString();

    private JsonElement Step(string step) =>
        facts.TryGetProperty(step, out var outcome) ? outcome : throw new InvalidOperationException($"The module host reported no step {step}:\n{facts}");
}

/// <param name="Context">The AssemblyLoadContext's name ("Default" for the shared one).</param>
/// <param name="ContextType">The AssemblyLoadContext's class name.</param>
public sealed record LoadedAssembly(string Name, string Version, string? Context, string? ContextType, string Location);
