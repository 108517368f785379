# Auscult for __ORGANISATION__ on Windows: installs the agent and the organisation's managed configuration.
# Intune: a Win32 app (install command: powershell -ExecutionPolicy Bypass -File install-windows.ps1) or a
# platform script running as SYSTEM; Configuration Manager and others: run it elevated.
# The kit's config.yaml and activation-codes.csv sit beside it.
$ErrorActionPreference = 'Stop'
$Download = __DOWNLOAD__
$Here = Split-Path -Parent $MyInvocation.MyCommand.Path
$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) { throw 'install-windows.ps1: run elevated (as SYSTEM or an administrator)' }
if (-not (Get-Package -Name 'Auscult' -ErrorAction SilentlyContinue)) {
  $msi = Join-Path $env:TEMP 'Auscult.msi'
  Invoke-WebRequest -UseBasicParsing -Uri $Download -OutFile $msi
  $p = Start-Process msiexec.exe -ArgumentList '/i', "`"$msi`"", '/qn', '/norestart' -Wait -PassThru
  if ($p.ExitCode -ne 0) { throw "msiexec failed with exit code $($p.ExitCode)" }
  Remove-Item $msi
}
$Managed = Join-Path $env:ProgramData 'Auscult'
New-Item -ItemType Directory -Force -Path $Managed | Out-Null
# Writable by administrators and SYSTEM only; readable by everyone (each person reads their own row of the codes).
$acl = New-Object Security.AccessControl.DirectorySecurity
$acl.SetAccessRuleProtection($true, $false)
foreach ($rule in @(
    (New-Object Security.AccessControl.FileSystemAccessRule('SYSTEM', 'FullControl', 'ContainerInherit,ObjectInherit', 'None', 'Allow')),
    (New-Object Security.AccessControl.FileSystemAccessRule('Administrators', 'FullControl', 'ContainerInherit,ObjectInherit', 'None', 'Allow')),
    (New-Object Security.AccessControl.FileSystemAccessRule('Users', 'ReadAndExecute', 'ContainerInherit,ObjectInherit', 'None', 'Allow')))) {
  $acl.AddAccessRule($rule)
}
Set-Acl -Path $Managed -AclObject $acl
$config = Get-Content -Raw (Join-Path $Here 'config.yaml')
$config = $config -replace '(?m)^activationCsv: .*$', ('activationCsv: "' + (Join-Path $Managed 'activation-codes.csv').Replace('\', '\\') + '"')
# UTF-8 without a byte-order mark (Windows PowerShell 5.1's -Encoding UTF8 would write one)
[IO.File]::WriteAllText((Join-Path $Managed 'config.yaml'), $config, (New-Object Text.UTF8Encoding $false))
if (Test-Path (Join-Path $Here 'activation-codes.csv')) { Copy-Item (Join-Path $Here 'activation-codes.csv') $Managed -Force }
Write-Output 'Auscult is installed; it activates itself for each person at their next login.'
