namespace ClaudeDbKit.PowerShell;

/// <summary>
/// Names the <c>claude</c> schema function a cmdlet wraps, so the contract tests can map cmdlets to the
/// SQL API. A cmdlet that wraps two functions (one per parameter set) carries the attribute twice, each
/// naming its parameter set.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ClaudeApiFunctionAttribute : Attribute
{
    public ClaudeApiFunctionAttribute(string functionName) => FunctionName = functionName;

    /// <summary>The function's name in schema <c>claude</c>, e.g. <c>start_session</c>.</summary>
    public string FunctionName { get; }

    /// <summary>The parameter set that calls this function; null when the cmdlet calls only this one.</summary>
    public string? ParameterSetName { get; set; }
}

/// <summary>
/// Marks a cmdlet that is module plumbing rather than the wrapper of one SQL API function: the migration
/// runner, the runspace connection, the Claude Code hook runner, the client-side job runner.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ClaudeModulePlumbingAttribute : Attribute
{
}
