; Shopfloor Collector: Windows installer (Inno Setup 6.3 or newer).
;
; Installs the one-folder bundle built by packaging/build.py (dist\shopfloor\) for every user of
; the PC under Program Files, adds a Start menu entry (and one for the command line), offers to
; start the app at logon for the station PC's account, and uninstalls cleanly. The app's own
; data (database, settings, logs) lives in each user's AppData and is never removed here: it
; is the plant's production record and audit trail.
;
; Build the bundle first, on Windows:   .venv\Scripts\python packaging\build.py
; then compile:                         iscc packaging\windows\shopfloor.iss
; (or give the version and folders:     iscc /DAppVersion=0.2.0 /DBundleDir=C:\b\shopfloor ...)
; The installer lands in dist\installer\.

#define AppName "Shopfloor Collector"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppPublisher "Shopfloor"
; The two executables the PyInstaller spec (packaging/shopfloor.spec) builds.
#define GuiExe "shopfloor-gui.exe"
#define CliExe "shopfloor.exe"
; Relative paths are taken from this script's folder.
#ifndef BundleDir
  #define BundleDir "..\..\dist\shopfloor"
#endif
#ifndef AssetsDir
  #define AssetsDir "..\..\build\assets"
#endif
; Same name as config.paths.APP_NAME, so the app's own autostart setting and this task share one
; Run value instead of starting the app twice.
#define RunValueName "ShopfloorCollector"

[Setup]
; AppId identifies the product to upgrades and the uninstaller: never change it.
AppId={{6B1E5C0A-3F7D-4C2B-9E4A-8D2F1A7C5B30}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
VersionInfoVersion={#AppVersion}
; Per-machine install: Program Files, all users' Start menu, HKLM uninstall entry.
PrivilegesRequired=admin
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; The bundle is 64-bit (built with 64-bit Python).
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
; Upgrades over a running app: Restart Manager closes it first (the app stops its sync cleanly).
CloseApplications=yes
RestartApplications=no
SetupIconFile={#AssetsDir}\shopfloor-collector.ico
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist\installer
OutputBaseFilename=ShopfloorCollector-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
SetupLogging=yes
; The autostart task writes one value under HKCU (see [Registry]); that is deliberate, so the
; compiler's warning about per-user areas in an administrative install is turned off.
UsedUserAreasWarning=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "brazilianportuguese"; MessagesFile: "compiler:Languages\BrazilianPortuguese.isl"

[CustomMessages]
english.StationGroup=Station PC:
english.AutostartTask=Start {#AppName} when this Windows account logs on
english.CommandLineEntry={#AppName} command line
brazilianportuguese.StationGroup=PC de estação:
brazilianportuguese.AutostartTask=Iniciar o {#AppName} quando esta conta do Windows entrar
brazilianportuguese.CommandLineEntry=Linha de comando do {#AppName}

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "autostart"; Description: "{cm:AutostartTask}"; GroupDescription: "{cm:StationGroup}"; Flags: unchecked

[Files]
; The whole bundle: both executables and _internal\ (Python, Qt, translations).
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\{cm:CommandLineEntry}"; Filename: "{cmd}"; Parameters: "/k {#CliExe} --help"; WorkingDir: "{app}"; IconFilename: "{app}\{#GuiExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Registry]
; Autostart at logon, per user: the Run value of the account Setup runs as. When Setup is
; elevated with another administrator's credentials, that is the administrator's account, not
; the station's: then turn autostart on in the app's settings while logged on as the station.
Root: HKCU; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "{#RunValueName}"; ValueData: """{app}\{#GuiExe}"""; Tasks: autostart; Flags: uninsdeletevalue

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
