using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace ClaudeDbKit.PowerShell;

/// <summary>
/// The default connection of each runspace (<c>Connect-ClaudeDatabase</c>). Kept in a static table keyed
/// by the runspace object rather than in a PowerShell variable: a binary module has no module scope, so a
/// variable would land in the caller's current scope (lost when a script or function that connected
/// returns) and be readable, password included, by <c>Get-Variable</c>. A weak table needs no cleanup: an
/// entry goes when its runspace is collected. Each runspace (a job, <c>ForEach-Object -Parallel</c>) has
/// its own default, as PowerShell users expect.
/// </summary>
internal static class RunspaceConnections
{
    private static readonly ConditionalWeakTable<Runspace, ConnectionDefault> ByRunspace = new();
    private static readonly object NoRunspaceLock = new();
    private static ConnectionDefault? _noRunspace;

    /// <summary>The default of the runspace running the current pipeline; null when none was set.</summary>
    public static ConnectionDefault? Current
    {
        get
        {
            if (Runspace.DefaultRunspace is { } runspace)
                return ByRunspace.TryGetValue(runspace, out var value) ? value : null;
            lock (NoRunspaceLock)
                return _noRunspace;
        }
    }

    public static void Set(ConnectionDefault value)
    {
        if (Runspace.DefaultRunspace is { } runspace)
        {
            ByRunspace.AddOrUpdate(runspace, value);
            return;
        }
        // A host that runs the cmdlet without a runspace on the thread: one process-wide default.
        lock (NoRunspaceLock)
            _noRunspace = value;
    }

    /// <summary>Forgets the current runspace's default; returns it (null when there was none).</summary>
    public static ConnectionDefault? Remove()
    {
        var current = Current;
        if (Runspace.DefaultRunspace is { } runspace)
        {
            ByRunspace.Remove(runspace);
            return current;
        }
        lock (NoRunspaceLock)
            _noRunspace = null;
        return current;
    }
}
