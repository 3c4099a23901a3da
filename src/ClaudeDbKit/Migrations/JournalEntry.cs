namespace ClaudeDbKit.Migrations;

/// <summary>One row of <c>claude.schemaversions</c>. Rows written by DbUp have no checksum or kind.</summary>
public sealed record JournalEntry(string ScriptName, DateTime Applied, string? Checksum, string? Kind);
