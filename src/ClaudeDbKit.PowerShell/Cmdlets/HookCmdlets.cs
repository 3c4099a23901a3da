using System.Management.Automation;
using System.Text;
using ClaudeDbKit.Hooks;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// <para type="synopsis">Runs a Claude Code hook (like 'claudedb hook'): records the event and writes only the hook's JSON to the output.</para>
/// <para type="description">
/// The payload is -InputObject (or pipeline input), else the process's standard input (UTF-8). The hook fails
/// open: no database, an unreachable one, or a bad payload never stops the cmdlet; what could not be recorded
/// is queued in -StateDirectory and replayed by the next hook that reaches the database. Diagnostics go to the
/// verbose stream and to hook.log in the state folder, never to the output.
/// </para>
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "ClaudeHook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(string))]
[ClaudeModulePlumbing]
public sealed class InvokeClaudeHookCommand : ClaudeCmdletBase
{
    private bool _ran;

    // Kept as its number: PowerShell loads every public type of the module before the module's initializer
    // runs, and a field of the core's enum type would need the core at that point (see DependencyIsolation).
    // The parameter itself stays a HookEvent, so binding, validation and tab completion are unchanged.
    private int _event;

    [Parameter(Mandatory = true, Position = 0, HelpMessage = "The hook event: SessionStart, SessionEnd, SubagentStart or SubagentStop.")]
    public HookEvent Event
    {
        get => (HookEvent)_event;
        set => _event = (int)value;
    }

    /// <summary>The hook's JSON payload; when absent, read from standard input.</summary>
    [Parameter(ValueFromPipeline = true)]
    public string? InputObject { get; set; }

    /// <summary>The identity (name or id) when the project has no default and $env:CLAUDE_IDENTITY is unset.</summary>
    [Parameter]
    public string? Identity { get; set; }

    /// <summary>Folder of the replay queue and hook.log (default: $env:CLAUDEDB_STATE_DIR or ~/.claudedb/state).</summary>
    [Parameter]
    public string? StateDirectory { get; set; }

    /// <summary>Seconds to wait for the database before queueing the event.</summary>
    [Parameter]
    [ValidateRange(0, 3600)]
    public double ConnectTimeoutSeconds { get; set; } = 2;

    protected override void ProcessRecord()
    {
        if (InputObject is null)
            return;
        _ran = true;
        if (ShouldProcess($"{Event} hook event", "Record"))
            Run(InputObject);
    }

    protected override void EndProcessing()
    {
        if (_ran || !ShouldProcess($"{Event} hook event", "Record"))
            return;
        if (!Console.IsInputRedirected)
        {
            WriteVerbose("No payload: pass -InputObject, pipe the JSON in (Get-Content -Raw), or run the hook with its payload on standard input.");
            Run("");
            return;
        }
        // Claude Code writes UTF-8; Console.In would decode with the console's code page on Windows.
        using var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
        Run(stdin.ReadToEnd());
    }

    private void Run(string payload)
    {
        var settings = new HookSettings
        {
            ConnectionString = TryResolveConnectionString(),
            DefaultIdentity = Identity,
            StateDirectory = StateDirectory is null ? HookSettings.DefaultStateDirectory() : SessionState.Path.GetUnresolvedProviderPathFromPSPath(StateDirectory),
            ConnectTimeout = TimeSpan.FromSeconds(Math.Max(0.1, ConnectTimeoutSeconds)),
            // SessionEnd shares Claude Code's 1.5 s budget (as claudedb hook).
            CommandTimeout = Event == HookEvent.SessionEnd ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5),
        };
        using var output = new StringWriter();
        using var diagnostics = new StringWriter();
        var runner = new HookRunner(settings, output, diagnostics);
        RunCore(cancellationToken => runner.RunAsync(Event, payload, cancellationToken));

        foreach (var line in diagnostics.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            WriteVerbose(line);
        var json = output.ToString().Trim();
        if (json.Length > 0)
            WriteObject(json);
    }
}
