//! Validated values. The only way to get one is `FromStr`, so code after argument parsing never
//! re-checks a range (docs/windows.md#autodisconnect, #keepconn, #srvcomment for the ranges).

use std::fmt;
use std::str::FromStr;

use crate::parse::duration::{Bare, parse_duration};
use crate::text::quoted;

/// Server-side idle disconnect, `net config server /autodisconnect:N`.
///
/// `-1` turns it off and is stored as 0xFFFFFFFF. `0` does NOT turn it off: Windows then drops
/// idle sessions within seconds (docs/windows.md#autodisconnect), which is why `set` refuses it
/// without `--allow-zero` (see [`AutoDisconnect::is_zero`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AutoDisconnect {
    Off,
    Minutes(u16),
}

/// Client-side `KeepConn`, seconds 1..=65535 (docs/windows.md#keepconn). Absent means the
/// default 600.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct KeepConn(u16);

/// `net config server /srvcomment:"text"`: at most 48 characters (docs/windows.md#srvcomment),
/// no control characters and no `"` (net's own parser would end the argument there).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ServerComment(String);

/// `net config server /hidden:yes|no`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Hidden(pub bool);

/// Why a value was refused. The text is the whole one-line message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct InvalidValue(pub String);

impl AutoDisconnect {
    pub const DEFAULT_MINUTES: u16 = 15;
    /// What the registry holds for "off" (SV_NODISC).
    pub const OFF_DWORD: u32 = 0xFFFF_FFFF;

    /// The literal net.exe takes after `/autodisconnect:`; it special-cases exactly `-1`.
    pub fn net_argument(self) -> String {
        match self {
            AutoDisconnect::Off => "-1".to_string(),
            AutoDisconnect::Minutes(m) => m.to_string(),
        }
    }

    /// The REG_DWORD data.
    pub fn dword(self) -> u32 {
        match self {
            AutoDisconnect::Off => Self::OFF_DWORD,
            AutoDisconnect::Minutes(m) => u32::from(m),
        }
    }

    /// As `net config server` shows it: minutes, `-1` when off.
    pub fn minutes(self) -> i64 {
        match self {
            AutoDisconnect::Off => -1,
            AutoDisconnect::Minutes(m) => i64::from(m),
        }
    }

    /// `0`: legal for Windows, but it means "disconnect within seconds", not "off".
    pub fn is_zero(self) -> bool {
        self == AutoDisconnect::Minutes(0)
    }
}

impl fmt::Display for AutoDisconnect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.net_argument())
    }
}

const AUTODISCONNECT_EXPECTED: &str = "expected whole minutes 1..65535 (60, 90m, 2h), or -1 / off / never to turn idle disconnect off";

impl FromStr for AutoDisconnect {
    type Err = InvalidValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = |why: &str| {
            InvalidValue(format!(
                "invalid autodisconnect value {}: {why}; {AUTODISCONNECT_EXPECTED}",
                quoted(s)
            ))
        };
        if s == "-1" || s.eq_ignore_ascii_case("off") || s.eq_ignore_ascii_case("never") {
            return Ok(AutoDisconnect::Off);
        }
        if s.starts_with('-') && s.trim() == s {
            return Err(bad(
                "the only negative value is -1, which turns idle disconnect off",
            ));
        }
        let seconds = parse_duration(s, Bare::Minutes).map_err(|why| bad(&why))?;
        if seconds % 60 != 0 {
            return Err(bad("autodisconnect is set in whole minutes"));
        }
        let minutes = seconds / 60;
        match u16::try_from(minutes) {
            Ok(m) => Ok(AutoDisconnect::Minutes(m)),
            Err(_) => Err(InvalidValue(format!(
                "autodisconnect {} is {minutes} minutes, above the maximum 65535; use -1 / off to turn it off",
                quoted(s)
            ))),
        }
    }
}

impl KeepConn {
    pub const DEFAULT_SECONDS: u16 = 600;

    pub fn seconds(self) -> u16 {
        self.0
    }

    /// A value read from the registry, if it is in the documented range.
    pub fn from_dword(data: u32) -> Option<KeepConn> {
        u16::try_from(data).ok().filter(|&s| s >= 1).map(KeepConn)
    }
}

impl fmt::Display for KeepConn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for KeepConn {
    type Err = InvalidValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = |why: &str| {
            InvalidValue(format!(
                "invalid KeepConn value {}: {why}; expected seconds 1..65535 (600, 10m, 1h)",
                quoted(s)
            ))
        };
        let seconds = parse_duration(s, Bare::Seconds).map_err(|why| bad(&why))?;
        match u16::try_from(seconds) {
            Ok(0) => Err(bad("0 is outside the range")),
            Ok(n) => Ok(KeepConn(n)),
            Err(_) => Err(bad(&format!(
                "{seconds} seconds is above the maximum 65535"
            ))),
        }
    }
}

impl ServerComment {
    pub const MAX_CHARS: usize = 48;

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ServerComment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for ServerComment {
    type Err = InvalidValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let count = s.chars().count();
        if s.is_empty() {
            return Err(InvalidValue(
                "the server comment is empty: to remove the comment use `lanman reset srvcomment`"
                    .to_string(),
            ));
        }
        if count > Self::MAX_CHARS {
            return Err(InvalidValue(format!(
                "the server comment has {count} characters; net config server accepts at most {}",
                Self::MAX_CHARS
            )));
        }
        if s.trim() != s {
            return Err(InvalidValue(
                "the server comment starts or ends with a space, which `net config server` cannot show; remove it".to_string(),
            ));
        }
        if s.contains('"') {
            return Err(InvalidValue(
                "the server comment must not contain a double quote (\")".to_string(),
            ));
        }
        if let Some(c) = s.chars().find(|c| c.is_control()) {
            return Err(InvalidValue(format!(
                "the server comment must not contain control characters (found U+{:04X})",
                u32::from(c)
            )));
        }
        Ok(ServerComment(s.to_string()))
    }
}

impl fmt::Display for Hidden {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0 { "yes" } else { "no" })
    }
}

impl FromStr for Hidden {
    type Err = InvalidValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // net.exe reads only the first letter of `/hidden:` (docs/windows.md#hidden); lanman
        // takes the words and their first letters, nothing else.
        if s.eq_ignore_ascii_case("yes") || s.eq_ignore_ascii_case("y") {
            Ok(Hidden(true))
        } else if s.eq_ignore_ascii_case("no") || s.eq_ignore_ascii_case("n") {
            Ok(Hidden(false))
        } else {
            Err(InvalidValue(format!(
                "invalid hidden value {}: expected yes or no (y or n)",
                quoted(s)
            )))
        }
    }
}

/// A remote computer for reg.exe's `\\HOST\HKLM\…` form: a NetBIOS or DNS name, or an IPv4
/// address. A leading `\\` is accepted and dropped. Anything else (spaces, quotes, slashes, a
/// leading `-` or `/` that reg.exe would read as a switch) is refused.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Host(String);

impl Host {
    pub fn name(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Host {
    type Err = InvalidValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = s.strip_prefix("\\\\").unwrap_or(s);
        let valid = !name.is_empty()
            && name.len() <= 253
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
            && !name.starts_with(['-', '.'])
            && !name.ends_with('-');
        if valid {
            Ok(Host(name.to_string()))
        } else {
            Err(InvalidValue(format!(
                "invalid host {}: expected a computer name, a DNS name or an IPv4 address",
                quoted(s)
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autodisconnect_accepts_the_documented_forms() {
        let ok = [
            ("-1", AutoDisconnect::Off),
            ("off", AutoDisconnect::Off),
            ("NEVER", AutoDisconnect::Off),
            ("0", AutoDisconnect::Minutes(0)),
            ("1", AutoDisconnect::Minutes(1)),
            ("15", AutoDisconnect::Minutes(15)),
            ("65535", AutoDisconnect::Minutes(65535)),
            ("90m", AutoDisconnect::Minutes(90)),
            ("2h", AutoDisconnect::Minutes(120)),
            ("1h30m", AutoDisconnect::Minutes(90)),
            ("120s", AutoDisconnect::Minutes(2)),
            ("2H", AutoDisconnect::Minutes(120)),
            ("1H30m", AutoDisconnect::Minutes(90)),
            ("Off", AutoDisconnect::Off),
        ];
        for (input, want) in ok {
            assert_eq!(input.parse::<AutoDisconnect>(), Ok(want), "{input}");
        }
    }

    #[test]
    fn autodisconnect_rejects_everything_else() {
        let bad = [
            "",
            " 15",
            "15 ",
            "65536",
            "-2",
            "-0",
            "-01",
            "abc",
            "1.5",
            "0x10",
            "+15",
            "1e3",
            "015",
            "00",
            "１５",
            "99999999999999999999999",
            "90s",
            "1093h",
            "m",
            "15mm",
            "1m1h",
            "1h1h",
            "15min",
            "15 m",
            "\u{0}",
            "1_000",
            "Off ",
            "-1 ",
        ];
        for input in bad {
            assert!(
                input.parse::<AutoDisconnect>().is_err(),
                "{input:?} accepted"
            );
        }
    }

    #[test]
    fn autodisconnect_knows_its_wire_forms() {
        assert_eq!(AutoDisconnect::Off.dword(), 0xFFFF_FFFF);
        assert_eq!(AutoDisconnect::Off.net_argument(), "-1");
        assert_eq!(AutoDisconnect::Minutes(60).dword(), 60);
        assert_eq!(AutoDisconnect::Off.minutes(), -1);
        assert!(AutoDisconnect::Minutes(0).is_zero());
    }

    #[test]
    fn keepconn_range() {
        assert_eq!("1".parse::<KeepConn>().map(KeepConn::seconds), Ok(1));
        assert_eq!(
            "65535".parse::<KeepConn>().map(KeepConn::seconds),
            Ok(65535)
        );
        assert_eq!("10m".parse::<KeepConn>().map(KeepConn::seconds), Ok(600));
        assert_eq!("1h".parse::<KeepConn>().map(KeepConn::seconds), Ok(3600));
        for bad in ["0", "65536", "-1", "19h", "", "0x10", "1.5", "off"] {
            assert!(bad.parse::<KeepConn>().is_err(), "{bad:?} accepted");
        }
        assert_eq!(KeepConn::from_dword(0x86400), None);
        assert_eq!(KeepConn::from_dword(0), None);
    }

    #[test]
    fn comments() {
        assert!("File server, 2nd floor".parse::<ServerComment>().is_ok());
        assert!("x".repeat(48).parse::<ServerComment>().is_ok());
        assert!("ü".repeat(48).parse::<ServerComment>().is_ok());
        for bad in [
            "",
            " x",
            "x ",
            "say \"hi\"",
            "a\tb",
            "line\nbreak",
            &"x".repeat(49),
        ] {
            assert!(bad.parse::<ServerComment>().is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn hosts() {
        assert_eq!(
            "\\\\FS01".parse::<Host>().map(|h| h.name().to_string()),
            Ok("FS01".to_string())
        );
        assert!("fs01.corp.example".parse::<Host>().is_ok());
        assert!("10.0.0.5".parse::<Host>().is_ok());
        for bad in ["", "-x", "/x", "a b", "a\\b", "a\"b", "\\\\", ".x"] {
            assert!(bad.parse::<Host>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn hidden_words() {
        assert_eq!("YES".parse(), Ok(Hidden(true)));
        assert_eq!("no".parse(), Ok(Hidden(false)));
        assert_eq!("y".parse(), Ok(Hidden(true)));
        assert_eq!("N".parse(), Ok(Hidden(false)));
        assert!("true".parse::<Hidden>().is_err());
        assert!("ye".parse::<Hidden>().is_err());
        assert!(" yes".parse::<Hidden>().is_err());
    }
}
