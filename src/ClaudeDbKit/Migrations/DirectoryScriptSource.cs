using System.Text;

namespace ClaudeDbKit.Migrations;

/// <summary>Scripts read from a folder that holds <c>migrations/</c> and <c>functions/</c> (the repository root, say).</summary>
public sealed class DirectoryScriptSource : IScriptSource
{
    private readonly string _root;

    public DirectoryScriptSource(string root) => _root = Path.GetFullPath(root);

    public string Description => $"scripts under {_root}";

    public IReadOnlyList<SqlScript> LoadScripts()
    {
        var migrations = Path.Combine(_root, "migrations");
        var functions = Path.Combine(_root, "functions");
        if (!Directory.Exists(migrations) && !Directory.Exists(functions))
            throw new DirectoryNotFoundException(
                $"'{_root}' holds neither a 'migrations' nor a 'functions' folder. Point the scripts path at the folder that contains them (the repository root).");

        var encoding = new UTF8Encoding(false, true);
        var scripts = new List<SqlScript>();
        foreach (var kind in new[] { ScriptKind.Migration, ScriptKind.Function })
        {
            var folder = Path.Combine(_root, ScriptOrdering.FolderOf(kind));
            if (!Directory.Exists(folder))
                continue;
            foreach (var file in Directory.EnumerateFiles(folder, "*.sql"))
                scripts.Add(SqlScript.FromText($"{ScriptOrdering.FolderOf(kind)}/{Path.GetFileName(file)}", kind, File.ReadAllText(file, encoding)));
        }
        return ScriptOrdering.Order(scripts);
    }
}
