//! This user's SMB connections as `Get-SmbConnection | ConvertTo-Json` prints them
//! (docs/windows.md#get-smbconnection): the dialect and the number of open files of each
//! connection. Pure: text in, connections out. The property names are the CIM class's
//! (`MSFT_SmbConnection`), which are not translated, so any display language reads the same.

use serde_json::Value;

/// One row of `Get-SmbConnection`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SmbConnection {
    pub server: String,
    pub share: String,
    /// `2.1`, `3.1.1` …; `None` when not printed.
    pub dialect: Option<String>,
    pub open_files: Option<u32>,
}

impl SmbConnection {
    /// SMB1 (`1.0`, `1.5`): the dialects `autodisconnect` is specified for.
    pub fn is_smb1(&self) -> Option<bool> {
        self.dialect.as_deref().map(|d| d.starts_with('1'))
    }
}

/// The connections in the JSON text: an array, one object (PowerShell prints a lone object
/// without brackets), or nothing at all (no connection). `None` when the text is not that.
pub fn parse_smb_connections(text: &str) -> Option<Vec<SmbConnection>> {
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Some(Vec::new());
    }
    let value: Value = serde_json::from_str(text).ok()?;
    let items = match value {
        Value::Array(items) => items,
        object @ Value::Object(_) => vec![object],
        _ => return None,
    };
    items
        .iter()
        .map(|item| {
            let text = |name: &str| item.get(name).and_then(Value::as_str).map(str::to_string);
            Some(SmbConnection {
                server: text("ServerName")?,
                share: text("ShareName").unwrap_or_default(),
                dialect: text("Dialect").filter(|d| !d.is_empty()),
                open_files: item
                    .get("NumOpens")
                    .and_then(Value::as_u64)
                    .and_then(|n| u32::try_from(n).ok()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_object_or_an_array_or_nothing() {
        let one = parse_smb_connections(
            r#"{"ServerName":"FS01","ShareName":"data","UserName":"EXAMPLE\\ann","Dialect":"3.1.1","NumOpens":2}"#,
        )
        .unwrap();
        assert_eq!(one[0].dialect.as_deref(), Some("3.1.1"));
        assert_eq!(one[0].open_files, Some(2));
        assert_eq!(one[0].is_smb1(), Some(false));
        let two = parse_smb_connections(
            "\u{feff}[{\"ServerName\":\"FS01\",\"ShareName\":\"a\",\"Dialect\":\"1.5\",\"NumOpens\":0},{\"ServerName\":\"FS02\",\"ShareName\":\"b\"}]\r\n",
        )
        .unwrap();
        assert_eq!(two[0].is_smb1(), Some(true));
        assert_eq!(two[1].dialect, None);
        assert_eq!(parse_smb_connections("  \r\n").unwrap(), Vec::new());
        assert_eq!(
            parse_smb_connections("Get-SmbConnection : Access denied"),
            None
        );
        assert_eq!(parse_smb_connections(r#"[{"ShareName":"x"}]"#), None);
    }
}
