//! A computer's Windows version, from the values of `HKLM\SOFTWARE\Microsoft\Windows
//! NT\CurrentVersion` (docs/windows.md#windows-build). Pure: a key listing in, a version out.

use super::reg::{RegKey, RegValue};

/// The Windows version of a computer, from its registry; members lanman could not read are
/// `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct OsVersion {
    /// `ProductName`: says "Windows 10" on Windows 11 too (docs/windows.md#windows-build).
    pub product: Option<String>,
    /// `CurrentBuildNumber`: 19045, 22631, 26100 …
    pub build: Option<u32>,
    /// `UBR`: the update revision (26100.2033).
    pub ubr: Option<u32>,
    /// `DisplayVersion`: 22H2, 24H2 …
    pub display_version: Option<String>,
}

impl OsVersion {
    pub fn from_key(key: &RegKey) -> OsVersion {
        let text = |name: &str| {
            key.get(name)
                .and_then(|v| v.data.text())
                .map(|d| d.trim().to_string())
                .filter(|d| !d.is_empty())
        };
        OsVersion {
            product: text("ProductName"),
            build: text("CurrentBuildNumber").and_then(|b| b.parse().ok()),
            ubr: key.get("UBR").and_then(RegValue::dword),
            display_version: text("DisplayVersion"),
        }
    }
}
