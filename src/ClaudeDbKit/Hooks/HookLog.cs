using System.Globalization;

namespace ClaudeDbKit.Hooks;

/// <summary>Diagnostics of hooks: to stderr (which Claude Code shows in its debug output) and to <c>hook.log</c> in the state folder.</summary>
public sealed class HookLog(string stateDirectory, TextWriter diagnostics)
{
    private const long MaxBytes = 1024 * 1024;

    public string File => Path.Combine(stateDirectory, "hook.log");

    public void Write(string message)
    {
        diagnostics.WriteLine($"claudedb hook: {message}");
        try
        {
            Directory.CreateDirectory(stateDirectory);
            // One previous generation is kept, so the log never grows without bound.
            if (System.IO.File.Exists(File) && new FileInfo(File).Length > MaxBytes)
                System.IO.File.Move(File, File + ".1", overwrite: true);
            System.IO.File.AppendAllText(File, $"{DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture)} [{Environment.ProcessId}] {message}\n");
        }
        catch (IOException)
        {
            // A hook never fails because its log cannot be written.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
