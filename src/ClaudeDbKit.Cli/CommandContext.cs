using System.CommandLine;
using System.Text.Json.Serialization.Metadata;
using ClaudeDbKit.Client;
using ClaudeDbKit.Migrations;

namespace ClaudeDbKit.Cli;

/// <summary>What every command handler needs: options, connection resolution and the two output streams.</summary>
internal sealed record CommandContext(GlobalOptions Options, ConnectionResolver Connections, TextWriter Output, TextWriter Diagnostics)
{
    public bool Json(ParseResult parse) => parse.GetValue(Options.Json);

    public IScriptSource Scripts(ParseResult parse) =>
        parse.GetValue(Options.ScriptsPath) is { Length: > 0 } path ? new DirectoryScriptSource(path) : new EmbeddedScriptSource();

    public async Task<ClaudeDbClient> ClientAsync(ParseResult parse, CancellationToken cancellationToken) =>
        new(await Connections.ResolveAsync(parse, cancellationToken).ConfigureAwait(false), new ClaudeDbClientOptions { ApplicationName = "claudedb" });

    /// <summary>Writes <paramref name="value"/> as JSON with --json, otherwise as text.</summary>
    public void Write<T>(ParseResult parse, T value, JsonTypeInfo<T> json, Action<TextWriter, T> text)
    {
        if (Json(parse))
            Output.WriteLine(System.Text.Json.JsonSerializer.Serialize(value, json));
        else
            text(Output, value);
    }

    public void WriteId(ParseResult parse, Guid? id) =>
        Write(parse, new IdResult(id), CliJsonContext.Default.IdResult, (o, v) => { if (v.Id is { } g) o.WriteLine(g); });

    public void WriteCount(ParseResult parse, int count, string what) =>
        Write(parse, new CountResult(count), CliJsonContext.Default.CountResult, (o, v) => o.WriteLine($"{v.Count} {what}"));

    public void WriteOk(ParseResult parse, string message) =>
        Write(parse, new OkResult(true), CliJsonContext.Default.OkResult, (o, _) => o.WriteLine(message));
}
