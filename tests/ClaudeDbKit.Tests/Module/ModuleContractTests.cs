using System.Reflection;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using ClaudeDbKit.Tests.Infrastructure;
using Xunit;

namespace ClaudeDbKit.Tests.PowerShellModule;

/// <summary>
/// Static contract of the PowerShell module. No PowerShell engine runs on the build machines (see
/// docs/design.md), so the compiled cmdlet assembly is read as metadata and checked against the manifest,
/// the format file and the laid-out module folder. Each rule also has a test that feeds it a violation,
/// so a rule that silently stopped finding anything would fail. The rules live in <see cref="ModuleRules"/>.
/// </summary>
public sealed class ModuleContractTests(ModuleContractTests.ModuleFixture module) : IClassFixture<ModuleContractTests.ModuleFixture>
{
    [Fact]
    public void The_module_defines_the_migration_connection_and_hook_cmdlets()
    {
        var names = module.Cmdlets.Select(c => c.Name).ToList();

        Assert.Contains("Invoke-ClaudeMigration", names);
        Assert.Contains("Get-ClaudeMigration", names);
        Assert.Contains("Connect-ClaudeDatabase", names);
        Assert.Contains("Disconnect-ClaudeDatabase", names);
        Assert.Contains("Invoke-ClaudeHook", names);
        Assert.True(module.Cmdlets.Count >= 40, $"Only {module.Cmdlets.Count} cmdlets were read from the assembly.");
    }

    [Fact]
    public void Every_cmdlet_uses_an_approved_verb_and_a_Claude_noun()
    {
        Assert.Empty(ModuleRules.NamingViolations(module.Cmdlets));
    }

    [Fact]
    public void The_manifest_exports_exactly_the_cmdlets_the_assembly_defines()
    {
        var exported = Psd1.ReadList(module.Manifest, "CmdletsToExport");

        Assert.Empty(ModuleRules.ExportMismatches(module.Cmdlets, exported));
    }

    [Fact]
    public void Every_cmdlet_declares_its_output_type_and_the_output_declares_a_PSTypeName()
    {
        Assert.Empty(ModuleRules.OutputTypeViolations(module.Cmdlets));
    }

    [Fact]
    public void Every_cmdlet_that_changes_state_supports_ShouldProcess_and_no_reading_cmdlet_does()
    {
        Assert.Empty(ModuleRules.ShouldProcessViolations(module.Cmdlets));
    }

    [Fact]
    public void Every_cmdlet_that_reaches_the_database_takes_ConnectionString_and_Credential()
    {
        Assert.Empty(ModuleRules.ConnectionParameterViolations(module.Cmdlets));
    }

    [Fact]
    public void No_two_parameter_sets_of_a_cmdlet_are_ambiguous()
    {
        Assert.Empty(ModuleRules.ParameterSetViolations(module.Cmdlets));
    }

    [Fact]
    public void Every_mandatory_parameter_has_a_HelpMessage()
    {
        Assert.Empty(ModuleRules.HelpMessageViolations(module.Cmdlets));
    }

    [Fact]
    public void Every_mandatory_id_parameter_takes_pipeline_input_by_property_name_from_some_cmdlets_output()
    {
        Assert.Empty(ModuleRules.PipelineIdViolations(module.Cmdlets));
    }

    [Theory]
    [InlineData("Get-ClaudeSession", "Stop-ClaudeSession", "Summary")] // the example: Get-ClaudeSession -Identity x | Stop-ClaudeSession -Summary 'done'
    [InlineData("Start-ClaudeSession", "Stop-ClaudeSession", "Summary")]
    [InlineData("Get-ClaudeIdentity", "Get-ClaudeActiveSession", "")]
    [InlineData("Get-ClaudeActiveSession", "Stop-ClaudeSession", "Summary")]
    [InlineData("Get-ClaudeIdentity", "Disable-ClaudeIdentity", "")]
    [InlineData("Get-ClaudeMessage", "Confirm-ClaudeMessage", "")]
    [InlineData("Get-ClaudeMessage", "Set-ClaudeMessageRead", "")]
    [InlineData("Get-ClaudeDueJob", "Start-ClaudeScheduledJob", "")]
    [InlineData("Start-ClaudeScheduledJob", "Complete-ClaudeScheduledJob", "Status")]
    [InlineData("Get-ClaudeReminder", "Test-ClaudeReminder", "")]
    [InlineData("Get-ClaudeReminder", "Complete-ClaudeReminder", "")]
    [InlineData("Get-ClaudeReminder", "Skip-ClaudeReminder", "")]
    [InlineData("Get-ClaudeReminder", "Stop-ClaudeReminder", "")]
    [InlineData("Find-ClaudeKnowledge", "Use-ClaudeKnowledge", "")]
    [InlineData("Find-ClaudeKnowledge", "Set-ClaudeKnowledge", "Updates")]
    [InlineData("Start-ClaudeAgentSession", "Complete-ClaudeAgentSession", "")]
    public void Pipelines_that_read_naturally_bind_by_property_name(string from, string to, string givenExplicitly)
    {
        var source = module.Cmdlets.Single(c => c.Name == from);
        var target = module.Cmdlets.Single(c => c.Name == to);

        Assert.Empty(ModuleRules.PipelineBindingViolations(source, target, givenExplicitly.Split(',', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void Get_ClaudeSession_takes_the_identity_as_Identity()
    {
        var identity = Assert.Single(module.Cmdlets.Single(c => c.Name == "Get-ClaudeSession").Parameters, p => p.Name == "IdentityId");

        Assert.Contains("Identity", identity.Aliases);
    }

    [Fact]
    public void Every_cmdlet_is_marked_as_the_wrapper_of_API_functions_or_as_plumbing()
    {
        Assert.Empty(ModuleRules.MarkingViolations(module.Cmdlets));
    }

    [Fact]
    public void The_plumbing_cmdlets_are_the_migration_connection_hook_and_job_runner_cmdlets()
    {
        Assert.Equal(
            ["Connect-ClaudeDatabase", "Disconnect-ClaudeDatabase", "Get-ClaudeMigration", "Invoke-ClaudeDueJob", "Invoke-ClaudeHook", "Invoke-ClaudeMigration"],
            module.Cmdlets.Where(c => c.IsPlumbing).Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_format_file_has_a_table_view_for_every_output_type_over_existing_properties()
    {
        var formats = Psd1.ReadList(module.Manifest, "FormatsToProcess");
        var formatFile = Assert.Single(formats);
        var path = Path.Combine(Repository.Root, "module", formatFile);
        Assert.True(File.Exists(path), $"FormatsToProcess names {formatFile}, which is not in module/.");
        var document = XDocument.Load(path);

        Assert.Empty(ModuleRules.FormatViolations(module.Cmdlets, FormatFile.ReadTableViews(document)));
        Assert.Empty(FormatFile.ShapeViolations(document));
    }

    [Fact]
    public void No_public_type_or_member_of_the_cmdlet_assembly_exposes_Npgsql()
    {
        Assert.Empty(ModuleRules.NpgsqlExposures(module.Assembly));
    }

    [Fact]
    public void The_laid_out_module_folder_holds_what_Import_Module_needs_and_not_the_engine_stub()
    {
        var folder = Repository.ModuleFolder;
        Assert.True(Directory.Exists(folder), $"{folder} is missing: the PowerShell project's build lays it out.");
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).ToList();

        Assert.Empty(ModuleRules.LayoutViolations(files, Psd1.ReadList(module.Manifest, "RootModule")));
    }

    [Fact]
    public void The_manifest_targets_PowerShell_7_4_Core_and_exports_no_functions_aliases_or_variables()
    {
        Assert.Equal(["Core"], Psd1.ReadList(module.Manifest, "CompatiblePSEditions"));
        Assert.Equal(["7.4"], Psd1.ReadList(module.Manifest, "PowerShellVersion"));
        Assert.Equal(["ClaudeDbKit.PowerShell.dll"], Psd1.ReadList(module.Manifest, "RootModule"));
        Assert.Empty(Psd1.ReadList(module.Manifest, "FunctionsToExport"));
        Assert.Empty(Psd1.ReadList(module.Manifest, "AliasesToExport"));
        Assert.Empty(Psd1.ReadList(module.Manifest, "VariablesToExport"));
    }

    // ---- The rules catch violations (each rule's failure path) ----

    private static readonly ParameterModel[] ConnectionParameters =
        [Fixtures.Parameter("ConnectionString"), Fixtures.Parameter("Credential", ModuleRules.PSCredentialType)];

    private static CmdletModel Cmdlet(string verb, string noun, bool shouldProcess = true, string[]? outputs = null, ParameterModel[]? parameters = null,
        string? defaultSet = null) =>
        new($"Fake.{verb}{noun}Command", verb, noun, shouldProcess,
            (outputs ?? ["Fake.Output"]).Select(psTypeName => new OutputModel("Fake.OutputRecord", psTypeName, ["Name"])).ToList(),
            parameters ?? ConnectionParameters, defaultSet, [], IsPlumbing: true);

    [Fact]
    public void The_naming_rule_rejects_an_unapproved_verb_and_a_foreign_noun()
    {
        var violations = ModuleRules.NamingViolations([Cmdlet("Fetch", "ClaudeMigration"), Cmdlet("Get", "Migration")]);

        Assert.Equal(2, violations.Count);
    }

    [Fact]
    public void The_export_rule_reports_both_a_missing_and_an_extra_export()
    {
        var violations = ModuleRules.ExportMismatches([Cmdlet("Get", "ClaudeMigration")], ["Invoke-ClaudeMigration"]);

        Assert.Equal(2, violations.Count);
    }

    [Fact]
    public void The_output_rule_rejects_a_cmdlet_without_OutputType_and_an_output_without_PSTypeName_but_accepts_plain_text()
    {
        var noOutput = Cmdlet("Get", "ClaudeMigration", outputs: []);
        var noTypeName = Cmdlet("Get", "ClaudeThing") with { Outputs = [new OutputModel("Fake.Record", null, [])] };
        var text = Cmdlet("Invoke", "ClaudeHook") with { Outputs = [new OutputModel("System.String", null, [])] };

        Assert.Equal(2, ModuleRules.OutputTypeViolations([noOutput, noTypeName, text]).Count);
    }

    [Fact]
    public void The_ShouldProcess_rule_rejects_a_changing_verb_without_it_and_a_reading_verb_with_it()
    {
        var violations = ModuleRules.ShouldProcessViolations([
            Cmdlet("Remove", "ClaudeMessage", shouldProcess: false),
            Cmdlet("Confirm", "ClaudeMessage", shouldProcess: false),
            Cmdlet("Get", "ClaudeMessage", shouldProcess: true),
            Cmdlet("Get", "ClaudeSession", shouldProcess: false),
            Cmdlet("Connect", "ClaudeDatabase", shouldProcess: false),
        ]);

        Assert.Equal(3, violations.Count);
        Assert.Contains(violations, v => v.Contains("Remove-ClaudeMessage", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("Confirm-ClaudeMessage", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("Get-ClaudeMessage", StringComparison.Ordinal));
    }

    [Fact]
    public void The_connection_rule_rejects_a_cmdlet_without_ConnectionString_or_Credential_and_exempts_only_Disconnect()
    {
        var violations = ModuleRules.ConnectionParameterViolations([
            Cmdlet("Get", "ClaudeMigration", parameters: [Fixtures.Parameter("ScriptsPath"), Fixtures.Parameter("Credential", ModuleRules.PSCredentialType)]),
            Cmdlet("Get", "ClaudeSession", parameters: [Fixtures.Parameter("ConnectionString")]),
            Cmdlet("Get", "ClaudeMessage", parameters: [Fixtures.Parameter("ConnectionString"), Fixtures.Parameter("Credential")]),
            Cmdlet("Disconnect", "ClaudeDatabase", parameters: []),
        ]);

        Assert.Equal(3, violations.Count);
    }

    [Fact]
    public void The_parameter_set_rule_rejects_sets_only_a_default_could_separate_and_a_shared_position()
    {
        var ambiguous = Cmdlet("Get", "ClaudeActivity", parameters: [
            .. ConnectionParameters,
            Fixtures.Parameter("ProjectName", sets: [Fixtures.InSet("Recent")]),
            Fixtures.Parameter("SourceType", sets: [Fixtures.InSet("BySource")]),
        ]);
        var separatedByDefault = ambiguous with { DefaultParameterSet = "Recent", Noun = "ClaudeActivityB" };
        var separatedByMandatory = Cmdlet("Get", "ClaudeActivityC", parameters: [
            Fixtures.Parameter("ProjectName", sets: [Fixtures.InSet("Recent")]),
            Fixtures.Parameter("SourceType", sets: [Fixtures.InSet("BySource", mandatory: true)]),
        ]);
        var sharedPosition = Cmdlet("Get", "ClaudeReminder", parameters: [
            Fixtures.Parameter("ProjectName", sets: [Fixtures.InSet(ModuleRules.AllParameterSets, position: 0)]),
            Fixtures.Parameter("Title", sets: [Fixtures.InSet(ModuleRules.AllParameterSets, position: 0)]),
        ]);
        var unknownDefault = separatedByMandatory with { DefaultParameterSet = "Nope", Noun = "ClaudeActivityD" };

        var violations = ModuleRules.ParameterSetViolations([ambiguous, separatedByDefault, separatedByMandatory, sharedPosition, unknownDefault]);

        Assert.Equal(3, violations.Count);
        Assert.Contains(violations, v => v.StartsWith("Get-ClaudeActivity:", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("Get-ClaudeReminder:", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("Get-ClaudeActivityD:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_help_rule_rejects_a_mandatory_parameter_without_HelpMessage()
    {
        var violations = ModuleRules.HelpMessageViolations([Cmdlet("Stop", "ClaudeSession", parameters: [
            Fixtures.Parameter("SessionId", "System.Guid", [Fixtures.InSet(ModuleRules.AllParameterSets, mandatory: true, help: "The session.")]),
            Fixtures.Parameter("Summary", sets: [Fixtures.InSet(ModuleRules.AllParameterSets, mandatory: true)]),
            Fixtures.Parameter("Task"),
        ])]);

        Assert.Contains("Summary", Assert.Single(violations), StringComparison.Ordinal);
    }

    [Fact]
    public void The_pipeline_id_rule_rejects_an_id_without_pipeline_binding_and_one_no_cmdlet_outputs()
    {
        var stop = Cmdlet("Stop", "ClaudeSession", parameters: [
            Fixtures.Parameter("SessionId", "System.Guid", [Fixtures.InSet(ModuleRules.AllParameterSets, mandatory: true, help: "x")]),
        ]);
        var complete = Cmdlet("Complete", "ClaudeReminder", parameters: [
            Fixtures.Parameter("ReminderId", "System.Guid", [Fixtures.InSet(ModuleRules.AllParameterSets, mandatory: true, help: "x", byPropertyName: true)]),
        ]);
        var get = Cmdlet("Get", "ClaudeSession") with { Outputs = [new OutputModel("Fake.Session", "Fake.Session", ["SessionId"])] };

        var violations = ModuleRules.PipelineIdViolations([stop, complete, get]);

        Assert.Equal(2, violations.Count); // SessionId not by property name; no output has ReminderId
    }

    [Fact]
    public void The_pipeline_binding_rule_rejects_a_mandatory_parameter_the_input_cannot_fill()
    {
        var get = Cmdlet("Get", "ClaudeSession") with { Outputs = [new OutputModel("Fake.Session", "Fake.Session", ["SessionId", "Summary"])] };
        var stop = Cmdlet("Stop", "ClaudeSession", parameters: [
            Fixtures.Parameter("SessionId", "System.Guid", [Fixtures.InSet(ModuleRules.AllParameterSets, mandatory: true, help: "x", byPropertyName: true)]),
            Fixtures.Parameter("Summary", sets: [Fixtures.InSet(ModuleRules.AllParameterSets, mandatory: true, help: "x")]),
        ]);

        Assert.Empty(ModuleRules.PipelineBindingViolations(get, stop, ["Summary"]));
        Assert.Contains("Summary", Assert.Single(ModuleRules.PipelineBindingViolations(get, stop, [])), StringComparison.Ordinal);
    }

    [Fact]
    public void The_marking_rule_rejects_an_unmarked_cmdlet_a_doubly_marked_one_and_a_second_function_without_its_parameter_set()
    {
        var unmarked = Cmdlet("Get", "ClaudeA") with { IsPlumbing = false };
        var both = Cmdlet("Get", "ClaudeB") with { ApiFunctions = [new ApiFunctionModel("get_b", null)] };
        var twoWithoutSets = Cmdlet("Get", "ClaudeC") with { IsPlumbing = false, ApiFunctions = [new ApiFunctionModel("get_c", null), new ApiFunctionModel("get_c2", "Other")] };
        var twoWithSets = Cmdlet("Get", "ClaudeD", parameters: [Fixtures.Parameter("X", sets: [Fixtures.InSet("One")]), Fixtures.Parameter("Y", sets: [Fixtures.InSet("Two")])])
            with { IsPlumbing = false, ApiFunctions = [new ApiFunctionModel("get_d", "One"), new ApiFunctionModel("get_d2", "Two")] };

        var violations = ModuleRules.MarkingViolations([unmarked, both, twoWithoutSets, twoWithSets]);

        Assert.Equal(4, violations.Count); // unmarked; both; get_c without a set; set 'Other' does not exist
        Assert.DoesNotContain(violations, v => v.Contains("Get-ClaudeD", StringComparison.Ordinal));
    }

    [Fact]
    public void The_API_mapping_rule_reports_a_function_without_cmdlet_one_with_two_and_a_cmdlet_naming_no_API_function()
    {
        var a = Cmdlet("Get", "ClaudeA") with { IsPlumbing = false, ApiFunctions = [new ApiFunctionModel("get_a", null)] };
        var b = Cmdlet("Get", "ClaudeB") with { IsPlumbing = false, ApiFunctions = [new ApiFunctionModel("get_a", null)] };
        var c = Cmdlet("Get", "ClaudeC") with { IsPlumbing = false, ApiFunctions = [new ApiFunctionModel("internal_helper", null)] };

        var violations = ModuleRules.ApiMappingViolations([a, b, c], ["get_a", "get_missing"]);

        Assert.Equal(3, violations.Count);
        Assert.Contains(violations, v => v.Contains("get_a", StringComparison.Ordinal) && v.Contains("Get-ClaudeB", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("get_missing", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("internal_helper", StringComparison.Ordinal));
    }

    [Fact]
    public void The_format_rule_rejects_a_missing_view_a_column_over_an_unknown_property_and_a_script_block_over_one()
    {
        var views = FormatFile.ReadTableViews(XDocument.Parse("""
            <Configuration><ViewDefinitions><View><Name>a</Name>
              <ViewSelectedBy><TypeName>Fake.Output</TypeName></ViewSelectedBy>
              <TableControl><TableRowEntries><TableRowEntry><TableColumnItems>
                <TableColumnItem><PropertyName>Missing</PropertyName></TableColumnItem>
                <TableColumnItem><ScriptBlock>$_.Name.ToUpper() + $_.AlsoMissing</ScriptBlock></TableColumnItem>
              </TableColumnItems></TableRowEntry></TableRowEntries></TableControl>
            </View></ViewDefinitions></Configuration>
            """));

        var violations = ModuleRules.FormatViolations([Cmdlet("Get", "ClaudeA"), Cmdlet("Get", "ClaudeB", outputs: ["Fake.Other"])], views);

        Assert.Equal(3, violations.Count);
    }

    [Fact]
    public void The_format_shape_rule_rejects_a_table_whose_headers_and_columns_differ_in_number()
    {
        var violations = FormatFile.ShapeViolations(XDocument.Parse("""
            <Configuration><ViewDefinitions><View><Name>a</Name>
              <ViewSelectedBy><TypeName>Fake.Output</TypeName></ViewSelectedBy>
              <TableControl>
                <TableHeaders><TableColumnHeader><Label>A</Label></TableColumnHeader><TableColumnHeader><Label>B</Label></TableColumnHeader></TableHeaders>
                <TableRowEntries><TableRowEntry><TableColumnItems>
                  <TableColumnItem><PropertyName>A</PropertyName></TableColumnItem>
                </TableColumnItems></TableRowEntry></TableRowEntries>
              </TableControl>
            </View></ViewDefinitions></Configuration>
            """));

        Assert.Single(violations);
    }

    [Fact]
    public void The_Npgsql_rule_finds_Npgsql_types_in_a_public_surface()
    {
        // Npgsql's own surface is made of Npgsql types: a rule that finds nothing there finds nothing anywhere.
        Assert.NotEmpty(ModuleRules.NpgsqlExposures(module.Context.LoadFromAssemblyName("Npgsql")));
    }

    [Fact]
    public void The_layout_rule_rejects_the_engine_stub_a_missing_dependency_and_a_dependency_next_to_the_cmdlet_assembly()
    {
        // The flat layout of old: everything next to the cmdlet assembly, plus the stub.
        var violations = ModuleRules.LayoutViolations(
            ["ClaudeDbKit.psd1", "ClaudeDbKit.Format.ps1xml", "ClaudeDbKit.PowerShell.dll", "ClaudeDbKit.dll", "Npgsql.dll", "dependencies/System.Management.Automation.dll"],
            ["ClaudeDbKit.PowerShell.dll"]);

        Assert.Equal(5, violations.Count); // dependencies/ClaudeDbKit.dll and dependencies/Npgsql.dll missing; the stub; ClaudeDbKit.dll and Npgsql.dll at the top
        Assert.Contains(violations, v => v.Contains("System.Management.Automation.dll", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("The module folder holds Npgsql.dll next to", StringComparison.Ordinal));
    }

    [Fact]
    public void The_manifest_reader_reads_lists_single_values_and_skips_comments()
    {
        const string manifest = """
            @{
                # CmdletsToExport = @('Commented-Out')
                CmdletsToExport = @(
                    'Get-ClaudeA', "Get-ClaudeB"
                    'Get-ClaudeC'
                )
                FormatsToProcess = 'A.Format.ps1xml'
                AliasesToExport = @()
            }
            """;

        Assert.Equal(["Get-ClaudeA", "Get-ClaudeB", "Get-ClaudeC"], Psd1.ReadList(manifest, "CmdletsToExport"));
        Assert.Equal(["A.Format.ps1xml"], Psd1.ReadList(manifest, "FormatsToProcess"));
        Assert.Empty(Psd1.ReadList(manifest, "AliasesToExport"));
        Assert.Throws<InvalidOperationException>(() => Psd1.ReadList(manifest, "FunctionsToExport"));
    }

    [Fact]
    public void The_model_reader_sees_parameter_sets_aliases_and_API_markers()
    {
        var activity = module.Cmdlets.Single(c => c.Name == "Get-ClaudeActivity");

        Assert.Equal("Recent", activity.DefaultParameterSet);
        Assert.Equal(["BySource", "Recent"], activity.ParameterSets.Order(StringComparer.Ordinal));
        Assert.Equal([("get_activity_by_source", "BySource"), ("get_recent_activity", "Recent")],
            activity.ApiFunctions.Select(f => (f.Name, f.ParameterSet)).OrderBy(f => f.Name, StringComparer.Ordinal));
        var sourceType = activity.Parameters.Single(p => p.Name == "SourceType");
        Assert.True(Assert.Single(sourceType.Sets).Mandatory);
        Assert.Contains(activity.Parameters, p => p.Name == "ConnectionString" && p.Sets.Single().SetName == ModuleRules.AllParameterSets);
    }

    /// <summary>The compiled cmdlet assembly, loaded as metadata only, and the manifest text.</summary>
    public sealed class ModuleFixture : IDisposable
    {
        public ModuleFixture()
        {
            // The test project's ProjectReference copies the cmdlet assembly next to the tests; its
            // dependencies (ClaudeDbKit.dll, Npgsql.dll) are there too because the tests reference the core.
            var modulePath = ModulePath;
            Assert.True(File.Exists(modulePath), $"{modulePath} is missing: build the solution first.");

            var paths = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
                .Concat(Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll"))
                .Append(PowerShellStandardReference())
                .ToList();
            Context = new MetadataLoadContext(new PathAssemblyResolver(paths));
            Assembly = Context.LoadFromAssemblyPath(modulePath);
            Cmdlets = CmdletModel.ReadAll(Assembly);
            Manifest = File.ReadAllText(Path.Combine(Repository.Root, "module", "ClaudeDbKit.psd1"));
        }

        public static string ModulePath => Path.Combine(AppContext.BaseDirectory, "ClaudeDbKit.PowerShell.dll");

        public MetadataLoadContext Context { get; }

        public Assembly Assembly { get; }

        public IReadOnlyList<CmdletModel> Cmdlets { get; }

        public string Manifest { get; }

        public void Dispose() => Context.Dispose();

        /// <summary>The PowerShellStandard.Library stub the module compiles against (its methods do nothing at run time; its enums are real).</summary>
        public static string PowerShellStandardReference()
        {
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var path = Path.Combine(packages, "powershellstandard.library", "5.1.0-preview-06", "lib", "netstandard2.0", "System.Management.Automation.dll");
            Assert.True(File.Exists(path), $"{path} is missing: restore the solution first.");
            return path;
        }
    }
}

/// <summary>Builders for the rules' failure-path fixtures.</summary>
internal static class Fixtures
{
    public static ParameterModel Parameter(string name, string type = "System.String", ParameterSetModel[]? sets = null, string[]? aliases = null) =>
        new(name, type, aliases ?? [], sets ?? [InSet(ModuleRules.AllParameterSets)]);

    public static ParameterSetModel InSet(string set, bool mandatory = false, int? position = null, string? help = null, bool byPropertyName = false) =>
        new(set, mandatory, position, help, FromPipeline: false, byPropertyName);
}
