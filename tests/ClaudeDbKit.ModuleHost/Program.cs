using System.Text.Json;
using ClaudeDbKit.ModuleHost;

// Loads the laid-out ClaudeDbKit module into a plain .NET process the way pwsh's Import-Module does, and
// prints as JSON what each step did and which load context every assembly of interest ended up in.
// The assembly isolation tests run it as a process of its own: the test process already holds ClaudeDbKit
// and Npgsql in its default context, where the module's resolving handler would never be asked.
try
{
    var facts = new ModuleImport(HostOptions.Parse(args)).Run();
    Console.WriteLine(facts.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    return 0;
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"ClaudeDbKit.ModuleHost: {e.Message}\n{HostOptions.Usage}");
    return 2;
}
