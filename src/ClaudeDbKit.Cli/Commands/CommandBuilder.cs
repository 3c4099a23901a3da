using System.CommandLine;
using ClaudeDbKit.Client;

namespace ClaudeDbKit.Cli.Commands;

/// <summary>Wires a subcommand to one client call: open a client, call, write, exit 0.</summary>
internal static class CommandBuilder
{
    public static Command Call(CommandContext context, string name, string description, Symbol[] symbols,
        Func<ClaudeDbClient, ParseResult, CancellationToken, Task> call)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            if (symbol is Option option) command.Options.Add(option);
            else if (symbol is Argument argument) command.Arguments.Add(argument);
        }
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var client = await context.ClientAsync(parse, cancellationToken).ConfigureAwait(false);
            await call(client, parse, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Option<T> Required<T>(string name, string description) => new(name) { Description = description, Required = true };

    public static Option<T> Optional<T>(string name, string description) => new(name) { Description = description };

    public static Option<T> WithDefault<T>(string name, string description, T defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    /// <summary>Refuses NaN, infinities and numbers outside [min, max] at parse time (exit 2): a TimeSpan made from them would throw.</summary>
    public static Option<double> Bounded(this Option<double> option, double min, double max)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
            if (!double.IsFinite(value) || value < min || value > max)
                result.AddError(FormattableString.Invariant($"{option.Name} takes a number from {min} to {max}."));
        });
        return option;
    }

    public static Option<string[]> Many(string name, string description) =>
        new(name) { Description = description, AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.ZeroOrMore };
}
