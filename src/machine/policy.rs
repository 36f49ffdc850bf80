//! Security policy, as `secedit /export /areas SECURITYPOLICY` writes it: whether Group
//! Policy (or local security policy) defines a value lanman would change
//! (docs/windows.md#group-policy, #secedit). Not being able to check is not a failure: it is
//! said, and lanman goes on.

use super::Machine;
use crate::decode::{self, Encoding};
use crate::exec::{Invocation, Program};
use crate::parse::secedit::{SecurityTemplate, parse_security_template};
use crate::text::sanitize;

/// What lanman knows about security policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PolicyCheck {
    /// secedit exported the effective security policy.
    Checked(SecurityTemplate),
    /// It could not be checked; the one-line reason.
    NotChecked(String),
}

/// `secedit /export /areas SECURITYPOLICY /cfg FILE /quiet`
fn export_invocation(file: &std::path::Path) -> Invocation {
    Invocation::read(
        Program::Secedit,
        "exporting the security policy",
        [
            "/export".to_string(),
            "/areas".to_string(),
            "SECURITYPOLICY".to_string(),
            "/cfg".to_string(),
            file.display().to_string(),
            "/quiet".to_string(),
        ],
    )
}

impl Machine {
    /// Export this computer's security policy into a fresh private temporary folder, read
    /// it, and delete it.
    pub(crate) fn security_policy(&self) -> PolicyCheck {
        let dir = match tempfile::Builder::new().prefix("lanman-").tempdir() {
            Ok(dir) => dir,
            Err(e) => {
                return PolicyCheck::NotChecked(format!(
                    "cannot create a temporary folder for secedit's export: {e}"
                ));
            }
        };
        let file = dir.path().join("security-policy.inf");
        let invocation = export_invocation(&file);
        let captured = match self.run(&invocation) {
            Ok(captured) => captured,
            Err(failure) => return PolicyCheck::NotChecked(failure.to_string()),
        };
        if captured.timed_out {
            return PolicyCheck::NotChecked(format!(
                "`secedit /export` did not finish within {} s",
                self.timeout_seconds()
            ));
        }
        let bytes = std::fs::read(&file).unwrap_or_default();
        if captured.status != Some(0) || bytes.is_empty() {
            let said = self.decode(&captured);
            let line = said
                .stderr
                .lines()
                .chain(said.stdout.lines())
                .map(str::trim)
                .find(|l| !l.is_empty())
                .map(sanitize)
                .unwrap_or_else(|| "it wrote no file".to_string());
            let status = captured
                .status
                .map_or("killed".to_string(), |c| format!("exit status {c}"));
            return PolicyCheck::NotChecked(format!(
                "`secedit /export` failed ({status}): {line} (it needs an elevated prompt)"
            ));
        }
        // secedit writes the template in UTF-16LE with a byte-order mark.
        let text = decode::decode(&bytes, Encoding::Auto, self.oem_code_page()).text;
        let template = parse_security_template(&text);
        if template.is_template {
            PolicyCheck::Checked(template)
        } else {
            PolicyCheck::NotChecked(
                "`secedit /export` wrote something that is not a security template".to_string(),
            )
        }
    }
}
