//! `--format inf`: a security template for the Group Policy security option
//! (docs/windows.md#group-policy, #secedit).

use super::{FleetSettings, security_option_path};
use crate::settings::AutoDisconnect;

/// A security template (`GptTmpl.inf` in a GPO, or `secedit /configure`) that sets the
/// server's idle time through the security option (docs/windows.md#group-policy). Off (-1) has
/// no policy form: it is written as 99999, the policy's "in effect never", and said in a
/// comment. `None` when there is no autodisconnect to export.
pub(crate) fn security_template(settings: &FleetSettings) -> Option<String> {
    let data = settings.policy_minutes()?;
    let comment = if settings.autodisconnect == Some(AutoDisconnect::Off) {
        "; autodisconnect off (-1) is written as 99999 minutes, which the policy calls in effect never\r\n"
    } else {
        ""
    };
    Some(format!(
        "[Unicode]\r\nUnicode=yes\r\n[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n[Registry Values]\r\n{comment}{}\r\n",
        crate::parse::secedit::registry_value_line(security_option_path(), data)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fleet::POLICY_NEVER;
    use crate::fleet::tests::keepconn_only;
    use crate::parse::secedit::parse_security_template;

    #[test]
    fn security_templates_read_back_and_map_off_to_99999() {
        for (value, expected) in [
            (AutoDisconnect::Minutes(480), 480),
            (AutoDisconnect::Off, POLICY_NEVER),
        ] {
            let text = security_template(&FleetSettings {
                autodisconnect: Some(value),
                keepconn: None,
            })
            .unwrap();
            assert!(!text.replace("\r\n", "").contains('\n'), "CRLF only");
            assert_eq!(
                parse_security_template(&text).dword(security_option_path()),
                Some(expected)
            );
        }
        assert_eq!(security_template(&keepconn_only()), None);
    }
}
