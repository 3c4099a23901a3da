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
# to: the suite deploys it, then runs a session round trip and the pipeline examples against it.
# Without the variable the database tests are skipped.

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
    It 'exports exactly the cmdlets its manifest lists' {
        $listed = (Import-PowerShellDataFile $manifest).CmdletsToExport | Sort-Object
        (Get-Command -Module ClaudeDbKit).Name | Sort-Object | Should -Be $listed
        $listed | Should -Contain 'Start-ClaudeSession'
        $listed | Should -Contain 'Invoke-ClaudeHook'
    }

    It 'gives every cmdlet -ConnectionString and -Credential except Disconnect-ClaudeDatabase' {
        Get-Command -Module ClaudeDbKit | Where-Object Name -NE 'Disconnect-ClaudeDatabase' | ForEach-Object {
            $_.Parameters.Keys | Should -Contain 'ConnectionString' -Because $_.Name
            $_.Parameters['Credential'].ParameterType | Should -Be ([pscredential]) -Because $_.Name
        }
    }

    It 'offers -WhatIf on every cmdlet that changes state and on none that only reads' {
        Get-Command -Module ClaudeDbKit | ForEach-Object {
            $reads = $_.Verb -in 'Get', 'Find', 'Test'
            $runspaceOnly = $_.Verb -in 'Connect', 'Disconnect'
            if ($reads) { $_.Parameters.Keys | Should -Not -Contain 'WhatIf' -Because $_.Name }
            elseif (-not $runspaceOnly) { $_.Parameters.Keys | Should -Contain 'WhatIf' -Because $_.Name }
        }
    }

    It 'resolves every parameter set of Get-ClaudeActivity' {
        (Get-Command Get-ClaudeActivity).ParameterSets.Name | Sort-Object | Should -Be @('BySource', 'Recent')
        (Get-Command Get-ClaudeActivity).DefaultParameterSet | Should -Be 'Recent'
    }

    It 'has a table view for the session objects' {
        Get-FormatData -TypeName 'ClaudeDbKit.Session' | Should -Not -BeNullOrEmpty
    }

    It 'loads the core and Npgsql from dependencies/ into its own load context, not the shared one' {
        # Never run (see the top of this file); the xUnit suite checks the same in a plain .NET host.
        # Connect-ClaudeDatabase parses the connection string through the core, so Npgsql is loaded, without a server.
        Connect-ClaudeDatabase -ConnectionString 'Host=127.0.0.1;Port=1;Database=x'
        try {
            $dependencies = Join-Path (Split-Path $manifest) 'dependencies'
            foreach ($name in 'ClaudeDbKit', 'Npgsql') {
                # By name: [Npgsql.NpgsqlConnection] does not resolve in the session, which is the point.
                $loaded = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq $name -and $_.Location.StartsWith($dependencies) })
                $loaded | Should -HaveCount 1 -Because "$name is loaded once, from dependencies/"
                $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($loaded[0])
                [object]::ReferenceEquals($context, [System.Runtime.Loader.AssemblyLoadContext]::Default) | Should -BeFalse -Because $name
                $context.GetType().Name | Should -Be 'ClaudeDbKitLoadContext' -Because $name
            }
            # Nothing of the module's folder sits in the shared context but the cmdlet assembly.
            [System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies |
                Where-Object { $_.Location.StartsWith($dependencies) } | Should -BeNullOrEmpty
        }
        finally {
            Disconnect-ClaudeDatabase
        }
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

    It 'Get-ClaudeSession stops with ConnectionMissing naming -ConnectionString, Connect-ClaudeDatabase and the variable' {
        $err = { Get-ClaudeSession } | Should -Throw -ErrorId 'ConnectionMissing' -PassThru
        $err.ToString() | Should -Match 'Connect-ClaudeDatabase'
        $err.ToString() | Should -Match 'CLAUDEDB_CONNECTION'
    }

    It '-WhatIf on a state-changing cmdlet needs no connection and changes nothing' {
        { Stop-ClaudeSession -SessionId ([guid]::NewGuid()) -Summary 'x' -WhatIf } | Should -Not -Throw
    }

    It 'Connect-ClaudeDatabase keeps the password out of its output and verbose text' {
        $secret = 'pw-that-must-stay-hidden'
        $credential = [pscredential]::new('alice', (ConvertTo-SecureString $secret -AsPlainText -Force))
        try {
            $all = Connect-ClaudeDatabase -ConnectionString 'Host=127.0.0.1;Port=1;Database=x;Timeout=2' -Credential $credential -PassThru -Verbose 4>&1
            ($all | Out-String) | Should -Not -Match $secret
            ($all | Where-Object { $_.PSObject.TypeNames[0] -eq 'ClaudeDbKit.Connection' }).Username | Should -Be 'alice'
            # The default is used (nothing listens on port 1): a ConnectionFailed error that must not show the password either.
            $records = [System.Collections.Generic.List[object]]::new()
            try {
                Get-ClaudeSession -Verbose 4>&1 | ForEach-Object { $records.Add($_) }
            }
            catch {
                $records.Add($_)
            }
            $errorRecord = $records | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | Select-Object -First 1
            $errorRecord.FullyQualifiedErrorId | Should -BeLike 'ConnectionFailed,*'
            $errorRecord.CategoryInfo.Category | Should -Be 'ConnectionError'
            ($records | ForEach-Object { "$_" }) -join "`n" | Should -Match 'Connect-ClaudeDatabase'
            ($records | ForEach-Object { "$_" }) -join "`n" | Should -Not -Match $secret
        }
        finally {
            Disconnect-ClaudeDatabase
        }
    }

    It 'Invoke-ClaudeHook fails open: without a database it writes only the SessionStart JSON' {
        $state = Join-Path ([IO.Path]::GetTempPath()) ("claudedbkit-pester-" + [guid]::NewGuid())
        $payload = @{ session_id = [guid]::NewGuid().ToString(); cwd = '/work/pester-project'; hook_event_name = 'SessionStart'; source = 'startup' } | ConvertTo-Json
        try {
            $output = @($payload | Invoke-ClaudeHook -Event SessionStart -StateDirectory $state)
            $output | Should -HaveCount 1
            $output[0] | Should -BeOfType [string]
            ($output[0] | ConvertFrom-Json).hookSpecificOutput.hookEventName | Should -Be 'SessionStart'
        }
        finally {
            Remove-Item $state -Recurse -Force -ErrorAction SilentlyContinue
        }
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

Describe 'Sessions against the deployed database' -Skip:(-not $env:CLAUDEDBKIT_TEST_CONNECTION) {
    BeforeAll {
        $connection = $env:CLAUDEDBKIT_TEST_CONNECTION
        # 'Deploying to a database' above deploys the schema; deploy here too so this block also runs alone.
        Invoke-ClaudeMigration -ConnectionString $connection -Confirm:$false | Out-Null
        $project = 'pester-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $identity = Register-ClaudeIdentity -ConnectionString $connection -Name "pester-$project" -Platform 'claude-code' -Confirm:$false
    }

    AfterAll {
        Disconnect-ClaudeDatabase
    }

    It 'registers an identity and writes an IdentityChange' {
        $identity.PSObject.TypeNames[0] | Should -Be 'ClaudeDbKit.IdentityChange'
        $identity.IdentityId | Should -BeOfType [guid]
    }

    It 'round trip: start, find active, list, end, and see it ended' {
        $started = $identity | Start-ClaudeSession -ConnectionString $connection -ProjectName $project -Confirm:$false
        $started.PSObject.TypeNames[0] | Should -Be 'ClaudeDbKit.SessionChange'

        (Get-ClaudeActiveSession -ConnectionString $connection -IdentityId $identity.IdentityId).SessionId | Should -Be $started.SessionId
        $listed = @(Get-ClaudeSession -ConnectionString $connection -Identity $identity.IdentityId)
        $listed | Should -HaveCount 1
        $listed[0].PSObject.TypeNames[0] | Should -Be 'ClaudeDbKit.Session'
        $listed[0].Status | Should -Be 'active'

        $ended = $started | Stop-ClaudeSession -ConnectionString $connection -Summary 'pester round trip' -PassThru -Confirm:$false
        $ended.Action | Should -Be 'Ended'
        (Get-ClaudeSession -ConnectionString $connection -Identity $identity.IdentityId)[0].Status | Should -Be 'ended'
        Get-ClaudeActiveSession -ConnectionString $connection -IdentityId $identity.IdentityId | Should -BeNullOrEmpty
    }

    It 'the pipeline example: Get-ClaudeSession -Identity x | Stop-ClaudeSession -Summary done, with Connect-ClaudeDatabase' {
        Connect-ClaudeDatabase -ConnectionString $connection
        $started = Start-ClaudeSession -IdentityId $identity.IdentityId -ProjectName $project -Confirm:$false

        Get-ClaudeSession -Identity $identity.IdentityId -Status active | Stop-ClaudeSession -Summary 'done' -Confirm:$false

        (Get-ClaudeSession -Identity $identity.IdentityId | Where-Object SessionId -EQ $started.SessionId).Summary | Should -Be 'done'
    }

    It 'a refused item is a non-terminating error with the SQLSTATE category and the rest of the pipeline goes on' {
        Connect-ClaudeDatabase -ConnectionString $connection
        $good = Start-ClaudeSession -IdentityId $identity.IdentityId -ProjectName $project -Confirm:$false
        $unknown = [pscustomobject]@{ SessionId = [guid]::NewGuid() }
        $errors = $null

        $ended = @($unknown, $good | Stop-ClaudeSession -Summary 'done' -PassThru -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue)

        $ended.SessionId | Should -Be @($good.SessionId)
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'NotFound,*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be $unknown.SessionId
        $errors[0].ErrorDetails.Message | Should -Not -BeNullOrEmpty
    }

    It 'a missing summary is refused by the database as InvalidData (CD005)' {
        $started = Start-ClaudeSession -ConnectionString $connection -IdentityId $identity.IdentityId -ProjectName $project -Confirm:$false
        $errors = $null

        Stop-ClaudeSession -ConnectionString $connection -SessionId $started.SessionId -Summary ' ' -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue

        $errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        Stop-ClaudeSession -ConnectionString $connection -SessionId $started.SessionId -Summary 'done' -Confirm:$false
    }

    It 'Get-ClaudeValidValue lists the registry values of a column' {
        (Get-ClaudeValidValue -ConnectionString $connection -TableName sessions -ColumnName status).Value | Should -Contain 'active'
    }
}


Describe 'Work items against the deployed database' -Skip:(-not $env:CLAUDEDBKIT_TEST_CONNECTION) {
    BeforeAll {
        $connection = $env:CLAUDEDBKIT_TEST_CONNECTION
        Invoke-ClaudeMigration -ConnectionString $connection -Confirm:$false | Out-Null
        $project = 'pester-work-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $identity = Register-ClaudeIdentity -ConnectionString $connection -Name "pester-$project" -Platform 'claude-code' -Confirm:$false
        # Starting a session registers the project.
        $session = $identity | Start-ClaudeSession -ConnectionString $connection -ProjectName $project -Confirm:$false
    }

    It 'a feature piped into New-ClaudeBuildTask gets a task in its project, and the codes read back' {
        $feature = New-ClaudeFeature -ConnectionString $connection -Project $project.ToUpperInvariant() -Name 'Pester feature' -Confirm:$false
        $feature.PSObject.TypeNames[0] | Should -Be 'ClaudeDbKit.WorkItemChange'
        $feature.Code | Should -Match '^F\d+$'

        $task = $feature | New-ClaudeBuildTask -ConnectionString $connection -Name 'Pester task' -Confirm:$false
        $task.Code | Should -Match '^BT\d+$'
        $task | Set-ClaudeWorkItemStatus -ConnectionString $connection -Status completed -Confirm:$false

        $item = Get-ClaudeWorkItem -ConnectionString $connection -Code $feature.Code
        $item.PSObject.TypeNames[0] | Should -Be 'ClaudeDbKit.WorkItem'
        $item.ProjectName | Should -Be $project
        $item.Tasks[0].Code | Should -Be $task.Code
        $item.Tasks[0].Status | Should -Be 'completed'
    }

    It 'an unregistered status is InvalidArgument (CD001) and an unknown code ObjectNotFound (CD002)' {
        $feature = New-ClaudeFeature -ConnectionString $connection -Project $project -Name 'Statuses' -Confirm:$false
        $errors = $null
        Set-ClaudeWorkItemStatus -ConnectionString $connection -Code $feature.Code -Status finished -Confirm:$false -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-ClaudeWorkItem -ConnectionString $connection -Code 'F999999' -ErrorVariable errors -ErrorAction SilentlyContinue
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'The health report against the deployed database' -Skip:(-not $env:CLAUDEDBKIT_TEST_CONNECTION) {
    BeforeAll {
        $connection = $env:CLAUDEDBKIT_TEST_CONNECTION
    }

    It 'Test-ClaudeSchema writes one HealthReport with no schema drift on a deployed database' {
        $report = Test-ClaudeSchema -ConnectionString $connection
        $report.PSObject.TypeNames[0] | Should -Be 'ClaudeDbKit.HealthReport'
        @($report.SchemaDrift).Count | Should -Be 0
        $report.StaleHours | Should -Be 24
    }

    It 'a stale threshold below 1 hour is refused before any database call' {
        { Test-ClaudeSchema -ConnectionString $connection -StaleHours 0 } | Should -Throw
    }
}
