//! Reading the client's KeepConn (registry), shared by `get`, `set`, `reset` and `doctor`.

use crate::Context;
use crate::error::Failure;
use crate::parse::reg::RegKey;
use crate::settings::{Host, KeepConn};
use crate::tools::WORKSTATION_PARAMETERS;

/// The registry value name (LanmanWorkstation values are CamelCase, FACTS.md §6).
pub(crate) const VALUE_NAME: &str = "KeepConn";

/// KeepConn as Windows will use it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct KeepConnReading {
    /// Seconds: the registry value, or 600 when it is absent.
    pub(crate) seconds: u32,
    /// The value is absent and Windows uses its built-in default.
    pub(crate) is_default: bool,
}

pub(crate) fn read(ctx: &Context, host: Option<&Host>) -> Result<KeepConnReading, Failure> {
    let key = ctx.tools().reg_query(host, WORKSTATION_PARAMETERS)?;
    from_key(&key)
}

/// KeepConn from a `reg query` of the LanmanWorkstation parameters key.
pub(crate) fn from_key(key: &RegKey) -> Result<KeepConnReading, Failure> {
    match key.get(VALUE_NAME) {
        None => Ok(KeepConnReading {
            seconds: u32::from(KeepConn::DEFAULT_SECONDS),
            is_default: true,
        }),
        Some(value) => match value.dword() {
            Some(seconds) => Ok(KeepConnReading {
                seconds,
                is_default: false,
            }),
            None => Err(Failure::NotUnderstood(format!(
                "KeepConn is {} {:?}, expected a REG_DWORD",
                value.kind, value.data
            ))),
        },
    }
}
