using System.CommandLine;
using ClaudeDbKit.Migrations;

namespace ClaudeDbKit.Cli;

/// <summary>What every command handler needs: options, connection resolution and the two output streams.</summary>
internal sealed record CommandContext(GlobalOptions Options, ConnectionResolver Connections, TextWriter Output, TextWriter Diagnostics)
{
    public bool Json(ParseResult parse) => parse.GetValue(Options.Json);

    public IScriptSource Scripts(ParseResult parse) =>
        parse.GetValue(Options.ScriptsPath) is { Length: > 0 } path ? new DirectoryScriptSource(path) : new EmbeddedScriptSource();
}
