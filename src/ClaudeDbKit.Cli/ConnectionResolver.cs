using System.CommandLine;
using ClaudeDbKit.Connections;
using ClaudeDbKit.Local;

namespace ClaudeDbKit.Cli;

/// <summary>Finds the connection string: --connection, else --local, else $CLAUDEDB_CONNECTION.</summary>
internal sealed class ConnectionResolver(GlobalOptions options, TextWriter diagnostics)
{
    /// <summary>The database --local creates and deploys to: the name the user's tools expect.</summary>
    public const string LocalDatabase = "ai_company_foundation";

    public async Task<string> ResolveAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var explicitConnection = parse.GetValue(options.Connection);
        var local = parse.GetValue(options.Local);
        if (!string.IsNullOrWhiteSpace(explicitConnection) && local)
            throw new UsageException("--connection and --local name two different servers; give one of them.");

        if (!string.IsNullOrWhiteSpace(explicitConnection))
            return Validate(explicitConnection, "--connection");

        if (local)
        {
            var cluster = new LocalCluster(parse.GetValue(options.LocalDirectory) ?? LocalCluster.DefaultDirectory());
            var connection = await cluster.EnsureRunningAsync(LocalDatabase, diagnostics.WriteLine, cancellationToken).ConfigureAwait(false);
            // Never the password itself: stderr ends up in terminals, CI logs and hook logs.
            await diagnostics.WriteLineAsync(
                $"Local PostgreSQL ({cluster.Directory}): {ConnectionStrings.Redact(ConnectionStrings.Parse(connection))} (the password is in {cluster.StatePath}; --local finds it again)").ConfigureAwait(false);
            return connection;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(ConnectionStrings.EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return Validate(fromEnvironment, "$" + ConnectionStrings.EnvironmentVariable);

        throw new UsageException(
            $"No database given. Pass --connection \"Host=...;Database=...\", set ${ConnectionStrings.EnvironmentVariable}, or use --local for a private local server.");
    }

    private static string Validate(string value, string source)
    {
        try
        {
            return ConnectionStrings.Parse(value).ConnectionString;
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"{source}: {e.Message}");
        }
    }
}
