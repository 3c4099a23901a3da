namespace ClaudeDbKit.Cli;

/// <summary>Reports on the calling thread, in order; <see cref="Progress{T}"/> posts to the thread pool and can reorder or outlive the command.</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
