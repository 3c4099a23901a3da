namespace ClaudeDbKit.Migrations;

/// <summary>Where the runner gets its scripts: the assembly's embedded copy or a folder on disk.</summary>
public interface IScriptSource
{
    /// <summary>A description for messages, e.g. the folder path.</summary>
    string Description { get; }

    /// <summary>Migrations in ordinal name order, then function scripts in ordinal name order.</summary>
    IReadOnlyList<SqlScript> LoadScripts();
}
