using System.Text;
using ClaudeDbKit.Cli;

// Claude Code exchanges UTF-8 with hooks, also on Windows where the console default differs.
Console.InputEncoding = new UTF8Encoding(false);
Console.OutputEncoding = new UTF8Encoding(false);
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await new CliApplication(Console.In, Console.Out, Console.Error).RunAsync(args, cancel.Token).ConfigureAwait(false);
