//! Where Windows stores the settings lanman reads and writes: each registry key path and value
//! name stated once (docs/windows.md#registry-values). At the bottom layer, so that the readers
//! of raw key listings here (`server_idle`), the catalogue above (which re-exports this module
//! as `settings::catalogue::stored`) and the probes of `machine` name the same value, and a typo
//! does not compile.

/// `HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters`: the Server service's
/// settings (docs/windows.md#registry-values).
pub const SERVER_PARAMETERS_KEY: &str =
    r"HKLM\SYSTEM\CurrentControlSet\Services\LanmanServer\Parameters";
/// `HKLM\SYSTEM\CurrentControlSet\Services\LanmanWorkstation\Parameters`: the Workstation
/// service's settings.
pub const WORKSTATION_PARAMETERS_KEY: &str =
    r"HKLM\SYSTEM\CurrentControlSet\Services\LanmanWorkstation\Parameters";

/// The registry type of a stored value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegType {
    Dword,
    Sz,
}

impl RegType {
    pub fn name(self) -> &'static str {
        match self {
            RegType::Dword => "REG_DWORD",
            RegType::Sz => "REG_SZ",
        }
    }
}

/// Where a setting is stored: the value `name` (matched without case; written in this case
/// when it does not exist yet) under its service's parameters key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stored {
    pub name: &'static str,
    pub kind: RegType,
}

/// `autodisconnect` under `LanmanServer\Parameters` (docs/windows.md#autodisconnect).
pub const AUTODISCONNECT: Stored = Stored {
    name: "autodisconnect",
    kind: RegType::Dword,
};
/// `KeepConn` under `LanmanWorkstation\Parameters` (docs/windows.md#keepconn).
pub const KEEPCONN: Stored = Stored {
    name: "KeepConn",
    kind: RegType::Dword,
};
/// `srvcomment` under `LanmanServer\Parameters` (docs/windows.md#srvcomment).
pub const SRVCOMMENT: Stored = Stored {
    name: "srvcomment",
    kind: RegType::Sz,
};
/// `hidden` under `LanmanServer\Parameters` (docs/windows.md#hidden).
pub const HIDDEN: Stored = Stored {
    name: "hidden",
    kind: RegType::Dword,
};
/// `AutoDisconnectTimeoutV2` under `LanmanServer\Parameters`, the SMB2/3 value of current
/// builds: reported (a decompiled srv2.sys listing), not documented (docs/windows.md#smb2-idle).
pub const AUTODISCONNECT_V2: Stored = Stored {
    name: "AutoDisconnectTimeoutV2",
    kind: RegType::Dword,
};
