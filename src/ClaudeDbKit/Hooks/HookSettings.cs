namespace ClaudeDbKit.Hooks;

/// <summary>Where a hook finds its database, project, identity and local state.</summary>
public sealed class HookSettings
{
    /// <summary>Overrides the project name taken from the payload's working directory.</summary>
    public const string ProjectVariable = "CLAUDE_PROJECT_NAME";

    /// <summary>The identity (name or id) used when the project has no default identity.</summary>
    public const string IdentityVariable = "CLAUDE_IDENTITY";

    /// <summary>Folder of the replay queue and the hook log.</summary>
    public const string StateDirectoryVariable = "CLAUDEDB_STATE_DIR";

    /// <summary>Connection string; null when none is configured (every event is then queued).</summary>
    public string? ConnectionString { get; init; }

    /// <summary>The identity to use when neither the project nor <see cref="IdentityVariable"/> names one.</summary>
    public string? DefaultIdentity { get; init; }

    public string StateDirectory { get; init; } = DefaultStateDirectory();

    /// <summary>Short: Claude's first answer waits for the SessionStart hook.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Active sessions older than this are closed as abandoned at the next session start.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromHours(12);

    public static string DefaultStateDirectory() =>
        Environment.GetEnvironmentVariable(StateDirectoryVariable) is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".claudedb", "state");

    /// <summary>The project: $CLAUDE_PROJECT_NAME, else the last folder name of the payload's cwd (Windows or POSIX path).</summary>
    public static string? ProjectName(HookPayload payload)
    {
        if (Environment.GetEnvironmentVariable(ProjectVariable) is { } named && !string.IsNullOrWhiteSpace(named))
            return named.Trim();
        var cwd = payload.Cwd?.TrimEnd('/', '\\');
        if (string.IsNullOrEmpty(cwd))
            return null;
        var cut = cwd.LastIndexOfAny(['/', '\\']);
        var name = cut < 0 ? cwd : cwd[(cut + 1)..];
        return name.Length == 0 || name.EndsWith(':') ? null : name;
    }

    /// <summary>The identity a hook passes on: $CLAUDE_IDENTITY, else the configured default.</summary>
    public string? Identity() =>
        Environment.GetEnvironmentVariable(IdentityVariable) is { } id && !string.IsNullOrWhiteSpace(id) ? id.Trim() : DefaultIdentity;
}
