# Pester 5 suite for the ClaudeDbKit PowerShell module.
#
# NOT RUN ON THE PROJECT'S BUILD MACHINES: pwsh, System.Management.Automation and Pester cannot be
# obtained there (see docs/design.md), so this file has never been executed by CI. There the module is
# verified statically by tests/ClaudeDbKit.Tests/Module/ModuleContractTests.cs. Run this suite on a
# machine with pwsh 7.4+ and Pester 5:
#
#   dotnet build ClaudeDbKit.sln            # lays out artifacts/module/ClaudeDbKit/
#   $env:CLAUDEDBKIT_TEST_CONNECTION = 'Host=localhost;Database=claudedbkit_pester;Username=postgres'
#   Invoke-Pester ./tests/pester -Output Detailed
#
# CLAUDEDBKIT_TEST_CONNECTION must name a throwaway database the claude schema has NOT been deployed
# to: the suite deploys it. Without the variable the database tests are skipped.

#Requires -Version 7.4

BeforeAll {
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
    $manifest = Join-Path $repoRoot 'artifacts' 'module' 'ClaudeDbKit' 'ClaudeDbKit.psd1'
    if (-not (Test-Path $manifest)) {
        throw "$manifest is missing: run 'dotnet build ClaudeDbKit.sln' first."
    }
    Import-Module $manifest -Force -ErrorAction Stop
}

AfterAll {
    Remove-Module ClaudeDbKit -ErrorAction SilentlyContinue
}

Describe 'The ClaudeDbKit module' {
    It 'exports exactly its cmdlets' {
        (Get-Command -Module ClaudeDbKit).Name | Sort-Object | Should -Be @('Get-ClaudeMigration', 'Invoke-ClaudeMigration')
    }

    It 'supports -WhatIf and -Confirm on Invoke-ClaudeMigration' {
        $parameters = (Get-Command Invoke-ClaudeMigration).Parameters.Keys
        $parameters | Should -Contain 'WhatIf'
        $parameters | Should -Contain 'Confirm'
    }
}

Describe 'Without a connection' {
    BeforeAll {
        $savedConnection = $env:CLAUDEDB_CONNECTION
        $env:CLAUDEDB_CONNECTION = $null
    }

    AfterAll {
        $env:CLAUDEDB_CONNECTION = $savedConnection
    }

    It 'Get-ClaudeMigration stops with the ConnectionMissing error id and names the ways to give one' {
        $err = { Get-ClaudeMigration } | Should -Throw -ErrorId 'ConnectionMissing' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.ToString() | Should -Match '-ConnectionString'
        $err.ToString() | Should -Match 'CLAUDEDB_CONNECTION'
        $err.ToString() | Should -Match 'claudedb --local'
    }

    It 'Invoke-ClaudeMigration -WhatIf stops with the ConnectionMissing error id' {
        { Invoke-ClaudeMigration -WhatIf } | Should -Throw -ErrorId 'ConnectionMissing'
    }

    It 'an unreachable server gives ConnectionFailed and never prints the password' {
        $secret = 's3cret-must-not-be-printed'
        $records = [System.Collections.Generic.List[object]]::new()
        try {
            Get-ClaudeMigration -ConnectionString "Host=127.0.0.1;Port=1;Username=nobody;Password=$secret;Timeout=3" -Verbose 4>&1 |
                ForEach-Object { $records.Add($_) }
        }
        catch {
            $records.Add($_)
        }

        $errorRecord = $records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | Select-Object -First 1
        $errorRecord | Should -Not -BeNullOrEmpty
        $errorRecord.FullyQualifiedErrorId | Should -BeLike 'ConnectionFailed,*'
        $errorRecord.CategoryInfo.Category | Should -Be 'ConnectionError'
        ($records | ForEach-Object { "$_" }) -join "`n" | Should -Not -Match ([regex]::Escape($secret))
    }
}

Describe 'Deploying to a database' -Skip:(-not $env:CLAUDEDBKIT_TEST_CONNECTION) {
    BeforeAll {
        $connection = $env:CLAUDEDBKIT_TEST_CONNECTION
        $before = @(Get-ClaudeMigration -ConnectionString $connection)
        $pendingBefore = @($before | Where-Object State -EQ 'Pending')
    }

    It 'starts from a database the schema has not been deployed to' {
        $pendingBefore.Count | Should -BeGreaterThan 0 -Because 'CLAUDEDBKIT_TEST_CONNECTION must name a fresh, throwaway database'
    }

    It 'writes MigrationStatus objects' {
        $before[0].PSObject.TypeNames[0] | Should -Be 'ClaudeDbKit.MigrationStatus'
        $before[0].PSObject.Properties.Name | Should -Contain 'AppliedAtUtc'
    }

    It '-WhatIf outputs nothing and changes nothing' {
        $output = @(Invoke-ClaudeMigration -ConnectionString $connection -WhatIf)

        $output | Should -HaveCount 0
        $after = @(Get-ClaudeMigration -ConnectionString $connection)
        ($after | ForEach-Object { "$($_.Name)=$($_.State)" }) | Should -Be ($before | ForEach-Object { "$($_.Name)=$($_.State)" })
    }

    It 'a real run applies every pending script and writes one MigrationOutcome each' {
        $outcomes = @(Invoke-ClaudeMigration -ConnectionString $connection -Confirm:$false)

        $outcomes | Should -HaveCount $pendingBefore.Count
        $outcomes.Name | Should -Be $pendingBefore.Name
        $outcomes | ForEach-Object {
            $_.PSObject.TypeNames[0] | Should -Be 'ClaudeDbKit.MigrationOutcome'
            "$($_.Action)" | Should -Be 'Applied'
            $_.DurationMs | Should -BeGreaterOrEqual 0
        }
    }

    It 'a second run outputs nothing' {
        @(Invoke-ClaudeMigration -ConnectionString $connection -Confirm:$false) | Should -HaveCount 0
    }

    It 'Get-ClaudeMigration then shows every script applied' {
        $status = @(Get-ClaudeMigration -ConnectionString $connection)

        $status | Should -HaveCount $before.Count
        $status | Where-Object State -NE 'Applied' | Should -BeNullOrEmpty
        $status | ForEach-Object { $_.AppliedAtUtc | Should -Not -BeNullOrEmpty }
        @(Get-ClaudeMigration -ConnectionString $connection -State Pending, Changed) | Should -HaveCount 0
    }

    It 'reads $env:CLAUDEDB_CONNECTION when -ConnectionString is absent' {
        $saved = $env:CLAUDEDB_CONNECTION
        try {
            $env:CLAUDEDB_CONNECTION = $connection
            @(Get-ClaudeMigration -State Applied) | Should -HaveCount $before.Count
        }
        finally {
            $env:CLAUDEDB_CONNECTION = $saved
        }
    }

    It '-ScriptsPath reads the same scripts from the checkout' {
        $fromDisk = @(Get-ClaudeMigration -ConnectionString $connection -ScriptsPath $repoRoot)

        $fromDisk.Name | Should -Be (@(Get-ClaudeMigration -ConnectionString $connection)).Name
    }
}
