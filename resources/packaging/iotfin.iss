; Inno Setup script of the Windows installer of IoTFin Workstation (Inno Setup 6).
; Built by scripts/make_dist.py on Windows when iscc is on PATH, after PyInstaller made
; dist\iotfin\ (the frozen app). It installs for the current user only: no administrator
; rights, no UAC prompt (PrivilegesRequired=lowest, as Orange's installer does), into
; %LOCALAPPDATA%\Programs\IoTFin Workstation, with a Start menu and an optional desktop shortcut
; to the window (iotfin-gui.exe, no console window); iotfin.exe beside it is the command line.
; The store, settings and logs live in the user's folders and are kept on uninstall.
;   iscc /DAppVersion=0.1.0 /Odist resources\packaging\iotfin.iss

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "IoTFin Workstation"

[Setup]
AppId={{6C1F6E0A-5B7D-4E62-9F0B-10F1A7C3D2E4}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=IoTFin
DefaultDirName={userpf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=iotfin-{#AppVersion}-setup
SetupIconFile=iotfin.ico
UninstallDisplayIcon={app}\iotfin-gui.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Inno Setup's Simplified Chinese messages are an unofficial translation: once
; ChineseSimplified.isl is in Inno Setup's Languages folder, add
; Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\iotfin\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\iotfin-gui.exe"; AppUserModelID: "IoTFin.Workstation"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\iotfin-gui.exe"; Tasks: desktopicon; AppUserModelID: "IoTFin.Workstation"

[Run]
Filename: "{app}\iotfin-gui.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
