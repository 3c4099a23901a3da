using System.Reflection;
using System.Text;

namespace ClaudeDbKit.Migrations;

/// <summary>The scripts compiled into this assembly from the repository's <c>migrations/</c> and <c>functions/</c>.</summary>
public sealed class EmbeddedScriptSource : IScriptSource
{
    private readonly Assembly _assembly;

    public EmbeddedScriptSource() : this(typeof(EmbeddedScriptSource).Assembly) { }

    public EmbeddedScriptSource(Assembly assembly) => _assembly = assembly;

    public string Description => $"scripts embedded in {_assembly.GetName().Name} {_assembly.GetName().Version}";

    public IReadOnlyList<SqlScript> LoadScripts()
    {
        var scripts = new List<SqlScript>();
        foreach (var resource in _assembly.GetManifestResourceNames())
        {
            var kind = resource.StartsWith("migrations/", StringComparison.Ordinal) ? ScriptKind.Migration
                : resource.StartsWith("functions/", StringComparison.Ordinal) ? ScriptKind.Function
                : (ScriptKind?)null;
            if (kind is null || !resource.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
                continue;

            using var stream = _assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, new UTF8Encoding(false, true));
            scripts.Add(SqlScript.FromText(resource, kind.Value, reader.ReadToEnd()));
        }
        return ScriptOrdering.Order(scripts);
    }
}
