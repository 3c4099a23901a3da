using System.Security.Cryptography;
using System.Text;

namespace ClaudeDbKit.Migrations;

/// <summary>One SQL file the runner can apply.</summary>
/// <param name="Name">Journal name: the folder and file name, e.g. <c>migrations/0001_baseline_core_tables.sql</c>.</param>
/// <param name="Kind">Run-once migration or repeatable function script.</param>
/// <param name="Content">The text sent to the server, unchanged apart from a leading byte-order mark.</param>
public sealed record SqlScript(string Name, ScriptKind Kind, string Content)
{
    /// <summary>First-line marker that makes a script run outside a transaction (for <c>CREATE INDEX CONCURRENTLY</c>).</summary>
    public const string NoTransactionMarker = "-- claudedbkit:no-transaction";

    /// <summary>First-line marker of a function script that runs last, and again whenever any other script ran or role names were given (its grants and SECURITY DEFINER settings are reset when a function is re-created).</summary>
    public const string AfterFunctionsMarker = "-- claudedbkit:after-functions";

    /// <summary>SHA-256 of the content with line endings normalised, so a checkout with CRLF endings is not "changed".</summary>
    public string Checksum { get; } = ComputeChecksum(Content);

    /// <summary>False when the first line carries <see cref="NoTransactionMarker"/>.</summary>
    public bool RunsInTransaction { get; } = !FirstLine(Content).Trim().Equals(NoTransactionMarker, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a function script whose first line carries <see cref="AfterFunctionsMarker"/>.</summary>
    public bool RunsAfterFunctions { get; } = Kind == ScriptKind.Function && FirstLine(Content).Trim().Equals(AfterFunctionsMarker, StringComparison.OrdinalIgnoreCase);

    /// <summary>Builds a script from raw file text, removing a UTF-8 byte-order mark.</summary>
    public static SqlScript FromText(string name, ScriptKind kind, string text) =>
        new(name, kind, text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text);

    internal static string ComputeChecksum(string content)
    {
        var normalized = content.Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized))).ToLowerInvariant();
    }

    private static string FirstLine(string content)
    {
        var end = content.IndexOf('\n');
        return end < 0 ? content : content[..end];
    }
}
