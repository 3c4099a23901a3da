# Module manifest for ClaudeDbKit: thin cmdlets over ClaudeDbKit.dll (the same core calls as `claudedb`).
# The build lays out a loadable copy at artifacts/module/ClaudeDbKit/ (dotnet build ClaudeDbKit.sln).
@{
    RootModule           = 'ClaudeDbKit.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '185e1bf9-c664-432b-861f-2a6747b3ccb1'
    Author               = 'ClaudeDbKit'
    CompanyName          = 'ClaudeDbKit'
    Copyright            = '(c) ClaudeDbKit. All rights reserved.'
    Description          = 'Deploys and queries the claude PostgreSQL schema (sessions, messages, jobs, reminders, activity, knowledge, work items) from PowerShell: versioned migrations with -WhatIf previews, and cmdlets over its SQL functions.'
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.4'
    CmdletsToExport      = @(
        'Connect-ClaudeDatabase'
        'Disconnect-ClaudeDatabase'
        'Invoke-ClaudeMigration'
        'Get-ClaudeMigration'
        'Start-ClaudeSession'
        'Stop-ClaudeSession'
        'Get-ClaudeSession'
        'Get-ClaudeActiveSession'
        'Close-ClaudeStaleSession'
        'Start-ClaudeAgentSession'
        'Complete-ClaudeAgentSession'
        'Register-ClaudeIdentity'
        'Get-ClaudeIdentity'
        'Update-ClaudeIdentityActivity'
        'Disable-ClaudeIdentity'
        'Write-ClaudeActivity'
        'Get-ClaudeActivity'
        'Move-ClaudeActivity'
        'Get-ClaudeValidValue'
        'Update-ClaudeRegistryConstraint'
        'Send-ClaudeMessage'
        'Send-ClaudeBroadcast'
        'Get-ClaudeMessage'
        'Set-ClaudeMessageRead'
        'Confirm-ClaudeMessage'
        'Close-ClaudeExpiredMessage'
        'New-ClaudeScheduledJob'
        'Get-ClaudeDueJob'
        'Start-ClaudeScheduledJob'
        'Request-ClaudeDueJob'
        'Complete-ClaudeScheduledJob'
        'Invoke-ClaudeDueJob'
        'Get-ClaudeCronNextRun'
        'New-ClaudeReminder'
        'Get-ClaudeReminder'
        'Test-ClaudeReminder'
        'Complete-ClaudeReminder'
        'Skip-ClaudeReminder'
        'Stop-ClaudeReminder'
        'New-ClaudeKnowledge'
        'Find-ClaudeKnowledge'
        'Use-ClaudeKnowledge'
        'Set-ClaudeKnowledge'
        'Get-ClaudeStartupBriefing'
        'New-ClaudeFeature'
        'New-ClaudeFeedback'
        'New-ClaudeBuildTask'
        'Add-ClaudeRequirement'
        'Set-ClaudeWorkItemStatus'
        'Get-ClaudeWorkItem'
        'Test-ClaudeSchema'
        'Invoke-ClaudeHook'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    FormatsToProcess     = 'ClaudeDbKit.Format.ps1xml'
    PrivateData          = @{
        PSData = @{
            Tags = @('PostgreSQL', 'Migrations', 'Database', 'Claude', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
        }
    }
}
