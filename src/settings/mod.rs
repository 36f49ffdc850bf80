//! The settings lanman reads and changes: validated values (`values`), the catalogue of
//! settings (`catalogue`), and the one way every change is made (`change`).

pub mod catalogue;
pub(crate) mod change;
pub(crate) mod current;
pub mod values;

pub use catalogue::{CATALOGUE, Setting, SettingName, SettingValue, Side, Via};
pub use values::{AutoDisconnect, Hidden, Host, InvalidValue, KeepConn, ServerComment};
