//! The settings lanman knows, one entry each: what it is called, which side of a connection
//! it belongs to, where Windows shows and stores it, its unit, default and range, how lanman
//! can write it, when a change applies, and where docs/windows.md gives the sources. `get`,
//! `set`, `reset`, `doctor` and `export` are driven by this table: adding a setting is one
//! entry (plus its tests).

use std::fmt;
use std::str::FromStr;

use crate::text::quoted;

use serde::Serialize;

use super::values::{AutoDisconnect, Hidden, InvalidValue, KeepConn, ServerComment};
use crate::parse::{self, Kind};

/// Which service, and so which side of a connection, a setting belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The Server service (LanmanServer): the computer that holds the share.
    Server,
    /// The Workstation service (LanmanWorkstation): the computer that maps the drive.
    Client,
}

impl Side {
    /// The service's display name, as net.exe uses it in messages.
    pub fn service(self) -> &'static str {
        match self {
            Side::Server => "Server",
            Side::Client => "Workstation",
        }
    }

    /// The service key name (`net start LanmanServer`, `Services\LanmanServer`).
    pub fn service_key(self) -> &'static str {
        match self {
            Side::Server => "LanmanServer",
            Side::Client => "LanmanWorkstation",
        }
    }

    /// `HKLM\SYSTEM\CurrentControlSet\Services\<service>\Parameters`, where the service keeps
    /// its settings (docs/windows.md#registry-values).
    pub fn parameters_key(self) -> &'static str {
        match self {
            Side::Server => stored::SERVER_PARAMETERS_KEY,
            Side::Client => stored::WORKSTATION_PARAMETERS_KEY,
        }
    }
}

/// How a value is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// `net config server /switch:value`: at once (docs/windows.md#when-changes-apply).
    Net,
    /// `reg add` / `reg delete` of the service's parameters value.
    Registry,
}

impl Via {
    pub fn name(self) -> &'static str {
        match self {
            Via::Net => "net",
            Via::Registry => "registry",
        }
    }
}

impl fmt::Display for Via {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Via {
    type Err = InvalidValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "net" => Ok(Via::Net),
            "registry" | "reg" => Ok(Via::Registry),
            _ => Err(InvalidValue(format!(
                "invalid --via {}: use net or registry",
                quoted(s)
            ))),
        }
    }
}

/// The unit of a setting's value, which also says how its registry data reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Minutes; `-1` (stored as 0xFFFFFFFF) when off.
    Minutes,
    Seconds,
    Text,
    /// A REG_DWORD that is 0 or not (yes/no).
    Flag,
}

impl Unit {
    pub fn name(self) -> &'static str {
        match self {
            Unit::Minutes => "minutes",
            Unit::Seconds => "seconds",
            Unit::Text => "text",
            Unit::Flag => "yes/no",
        }
    }
}

/// A setting's value as lanman compares, shows and writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingValue {
    /// Minutes, `-1` = off.
    Minutes(i64),
    /// Seconds (a registry value may be outside the documented range).
    Seconds(u32),
    Text(String),
    Flag(bool),
}

impl Serialize for SettingValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            SettingValue::Minutes(m) => serializer.serialize_i64(*m),
            SettingValue::Seconds(s) => serializer.serialize_u32(*s),
            SettingValue::Text(t) => serializer.serialize_str(t),
            SettingValue::Flag(f) => serializer.serialize_bool(*f),
        }
    }
}

impl SettingValue {
    /// As `get` prints it: bare, `-1` when off, yes/no.
    pub fn bare(&self) -> String {
        match self {
            SettingValue::Minutes(m) => m.to_string(),
            SettingValue::Seconds(s) => s.to_string(),
            SettingValue::Text(t) => t.clone(),
            SettingValue::Flag(f) => if *f { "yes" } else { "no" }.to_string(),
        }
    }

    /// As messages show it: `-1 (off)`, text quoted.
    pub fn shown(&self) -> String {
        match self {
            SettingValue::Minutes(-1) => "-1 (off)".to_string(),
            SettingValue::Text(t) => format!("{t:?}"),
            other => other.bare(),
        }
    }

    /// The literal net.exe takes after `/switch:`.
    pub fn net_argument(&self) -> String {
        self.bare()
    }

    /// The REG_DWORD data, for a value stored as one.
    pub fn dword(&self) -> Option<u32> {
        match self {
            SettingValue::Minutes(-1) => Some(AutoDisconnect::OFF_DWORD),
            SettingValue::Minutes(m) => u32::try_from(*m).ok(),
            SettingValue::Seconds(s) => Some(*s),
            SettingValue::Flag(f) => Some(u32::from(*f)),
            SettingValue::Text(_) => None,
        }
    }
}

/// Where `net config` shows a setting, and the switch of `net config server` that sets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NetLine {
    /// The field of the output (its JSON name in `server --json`).
    pub field: &'static str,
    /// `/autodisconnect:`, `/srvcomment:`, `/hidden:`; `None` when net cannot set it.
    pub switch: Option<&'static str>,
}

pub use crate::parse::stored::{RegType, Stored};

/// One setting.
#[derive(Debug)]
pub struct Setting {
    /// The word of `get`, `set`, `reset`, the JSON `setting` value and `export`.
    pub name: &'static str,
    /// Other names `get` / `set` accept (the JSON field names of `server --json`).
    pub aliases: &'static [&'static str],
    pub side: Side,
    /// One line for help texts.
    pub about: &'static str,
    /// What VALUE may be, for `set NAME --help`.
    pub value_help: &'static str,
    /// Where `net config` shows it, if it does.
    pub net: Option<NetLine>,
    /// Where it is stored, if lanman knows.
    pub stored: Option<Stored>,
    pub unit: Unit,
    /// The value Windows uses when nothing is stored.
    pub default: Option<fn() -> SettingValue>,
    /// The documented range, in words.
    pub range: &'static str,
    /// How `set` can write it; the first is the default. Empty: read only.
    pub writers: &'static [Via],
    /// `0` is a trap (it does not mean off): `set` refuses it without `--allow-zero`.
    pub zero_trap: bool,
    /// Read a VALUE typed by the user.
    pub parse: fn(&str) -> Result<SettingValue, InvalidValue>,
    /// The security-policy value that sets it, as a security template names it
    /// (docs/windows.md#group-policy): Group Policy owns the setting where it is defined.
    pub policy: Option<&'static str>,
    /// The section of docs/windows.md that gives this entry's facts and their sources.
    pub source: &'static str,
}

impl Setting {
    /// The registry key it lives under.
    pub fn key(&self) -> &'static str {
        self.side.parameters_key()
    }

    /// The value Windows uses when nothing is stored, if there is one.
    pub fn default_value(&self) -> Option<SettingValue> {
        self.default.map(|f| f())
    }

    /// A stored REG_DWORD as this setting's value.
    pub fn from_dword(&self, data: u32) -> Option<SettingValue> {
        match self.unit {
            Unit::Minutes if data == AutoDisconnect::OFF_DWORD => Some(SettingValue::Minutes(-1)),
            Unit::Minutes => Some(SettingValue::Minutes(i64::from(data))),
            Unit::Seconds => Some(SettingValue::Seconds(data)),
            Unit::Flag => Some(SettingValue::Flag(data != 0)),
            Unit::Text => None,
        }
    }

    /// A field of a parsed `net config` output as this setting's value.
    pub fn from_field(&self, value: &parse::Value) -> Option<SettingValue> {
        match (self.unit, value) {
            (Unit::Minutes, parse::Value::Minutes(m)) => Some(SettingValue::Minutes(*m)),
            (Unit::Text, parse::Value::Text(t)) => Some(SettingValue::Text(t.clone())),
            (Unit::Flag, parse::Value::Flag(f)) => Some(SettingValue::Flag(*f)),
            _ => None,
        }
    }

    /// When a change made this way applies (docs/windows.md#when-changes-apply).
    pub fn takes_effect(&self, via: Via) -> Option<String> {
        match via {
            Via::Net => None,
            Via::Registry => Some(format!(
                "the {} service may apply the registry value only when it next starts (restart the service or the computer); Microsoft's sources differ on this",
                self.side.service()
            )),
        }
    }

    /// Whether `name` is this setting's name or one of its aliases.
    pub fn answers_to(&self, name: &str) -> bool {
        self.name == name || self.aliases.contains(&name)
    }
}

/// The registry values the settings are stored in, by identifier, so code that reads a raw
/// key names a value that exists (a typo does not compile). Each is stated once, in
/// `parse::stored`, below the parsers that read raw listings.
pub use crate::parse::stored;

pub static AUTODISCONNECT: Setting = Setting {
    name: "autodisconnect",
    aliases: &["idle_session_minutes"],
    side: Side::Server,
    about: "Server idle disconnect: minutes 1..65535, or -1 / off / never to turn it off",
    value_help: "Minutes (60, 90m, 2h), or -1 / off / never to turn idle disconnect off; 0 is refused (it disconnects within seconds) unless --allow-zero",
    net: Some(NetLine {
        field: "idle_session_minutes",
        switch: Some("autodisconnect"),
    }),
    stored: Some(stored::AUTODISCONNECT),
    unit: Unit::Minutes,
    default: Some(|| SettingValue::Minutes(i64::from(AutoDisconnect::DEFAULT_MINUTES))),
    range: "-1..65535 minutes (-1 = off; 0 is not off)",
    writers: &[Via::Net, Via::Registry],
    zero_trap: true,
    parse: |s| {
        s.parse::<AutoDisconnect>()
            .map(|a| SettingValue::Minutes(a.minutes()))
    },
    policy: Some(AUTODISCONNECT_POLICY),
    source: "docs/windows.md#autodisconnect",
};

pub static KEEPCONN: Setting = Setting {
    name: "keepconn",
    aliases: &[],
    side: Side::Client,
    about: "Client idle limit KeepConn (registry): seconds 1..65535 (600, 10m, 1h)",
    value_help: "Seconds 1..65535 (600, 10m, 1h)",
    net: None,
    stored: Some(stored::KEEPCONN),
    unit: Unit::Seconds,
    default: Some(|| SettingValue::Seconds(u32::from(KeepConn::DEFAULT_SECONDS))),
    range: "1..65535 seconds",
    writers: &[Via::Registry],
    zero_trap: false,
    parse: |s| {
        s.parse::<KeepConn>()
            .map(|k| SettingValue::Seconds(u32::from(k.seconds())))
    },
    policy: None,
    source: "docs/windows.md#keepconn",
};

pub static SRVCOMMENT: Setting = Setting {
    name: "srvcomment",
    aliases: &["server_comment"],
    side: Side::Server,
    about: "Server comment shown by `net view` (at most 48 characters)",
    value_help: "The comment, one argument (quote it if it has spaces), at most 48 characters, no double quote",
    net: Some(NetLine {
        field: "server_comment",
        switch: Some("srvcomment"),
    }),
    stored: Some(stored::SRVCOMMENT),
    unit: Unit::Text,
    default: Some(|| SettingValue::Text(String::new())),
    range: "at most 48 characters",
    writers: &[Via::Net],
    zero_trap: false,
    parse: |s| {
        s.parse::<ServerComment>()
            .map(|c| SettingValue::Text(c.as_str().to_string()))
    },
    policy: None,
    source: "docs/windows.md#srvcomment",
};

pub static HIDDEN: Setting = Setting {
    name: "hidden",
    aliases: &[],
    side: Side::Server,
    about: "Hide the server from browse lists: yes or no",
    value_help: "yes or no (y or n)",
    net: Some(NetLine {
        field: "hidden",
        switch: Some("hidden"),
    }),
    stored: Some(stored::HIDDEN),
    unit: Unit::Flag,
    default: Some(|| SettingValue::Flag(false)),
    range: "yes or no",
    writers: &[Via::Net],
    zero_trap: false,
    parse: |s| s.parse::<Hidden>().map(|h| SettingValue::Flag(h.0)),
    policy: None,
    source: "docs/windows.md#hidden",
};

pub static AUTODISCONNECT_V2: Setting = Setting {
    name: "autodisconnect_v2",
    aliases: &["autodisconnecttimeoutv2"],
    side: Side::Server,
    about: "SMB2/3 idle timeout in seconds, where a build keeps it apart (read only)",
    value_help: "",
    net: None,
    stored: Some(stored::AUTODISCONNECT_V2),
    unit: Unit::Seconds,
    // Absent: not known (what Windows then uses is not documented).
    default: None,
    range: "seconds (reported to be capped at 900)",
    writers: &[],
    zero_trap: false,
    parse: |_| {
        Err(InvalidValue(
            "lanman reads autodisconnect_v2 but does not change it: Microsoft documents no registry value for it".to_string(),
        ))
    },
    policy: None,
    source: "docs/windows.md#smb2-idle",
};

/// The first Windows build known to keep the separate SMB2/3 idle value of
/// [`AUTODISCONNECT_V2`] (Windows 11 24H2 and Windows Server 2025; docs/windows.md#smb2-idle,
/// where the cut-off is inferred).
pub const SPLIT_BUILD: u32 = 26_100;

/// The security-template path of the security option "Microsoft network server: Amount of idle
/// time required before suspending session", which writes autodisconnect
/// (docs/windows.md#group-policy).
pub const AUTODISCONNECT_POLICY: &str =
    r"MACHINE\System\CurrentControlSet\Services\LanManServer\Parameters\AutoDisconnect";

/// The Policy CSP's name of the same security option, in its `LocalPoliciesSecurityOptions`
/// area: the end of Intune's OMA-URI, and the value under which PolicyManager records what an
/// MDM set (docs/windows.md#mdm).
pub const AUTODISCONNECT_CSP_POLICY: &str =
    "MicrosoftNetworkServer_AmountOfIdleTimeRequiredBeforeSuspendingSession";

/// Every setting lanman knows, in the order help texts list them.
pub static CATALOGUE: &[&Setting] = &[
    &AUTODISCONNECT,
    &KEEPCONN,
    &SRVCOMMENT,
    &HIDDEN,
    &AUTODISCONNECT_V2,
];

/// The setting called `name` (or one of its aliases), compared without case, `-` as `_`.
pub fn find(name: &str) -> Option<&'static Setting> {
    let key = normalize(name);
    CATALOGUE.iter().copied().find(|s| s.answers_to(&key))
}

fn normalize(name: &str) -> String {
    name.trim().to_ascii_lowercase().replace('-', "_")
}

/// A setting `reset` can act on: one lanman writes and knows where Windows stores.
pub fn resettable(name: &str) -> Result<&'static Setting, InvalidValue> {
    let can = |s: &&Setting| s.stored.is_some() && !s.writers.is_empty();
    find(name).filter(can).ok_or_else(|| {
        let names: Vec<&str> = CATALOGUE
            .iter()
            .copied()
            .filter(can)
            .map(|s| s.name)
            .collect();
        match did_you_mean(name, names.iter().copied()) {
            Some(near) => InvalidValue(format!(
                "cannot reset {}: did you mean {near}?",
                quoted(name)
            )),
            None => InvalidValue(format!(
                "cannot reset {}: use one of {}",
                quoted(name),
                names.join(", ")
            )),
        }
    })
}

/// The candidate a mistyped `name` most likely meant: at most two edits away (a letter left
/// out, doubled, swapped or wrong), and fewer edits than half its length, so a short word is
/// not "corrected" into an unrelated one.
pub fn did_you_mean<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let typed = normalize(name);
    let limit = 2.min(typed.chars().count().saturating_sub(1) / 2);
    candidates
        .map(|c| (edit_distance(&typed, c), c))
        .filter(|&(d, _)| d > 0 && d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`: the optimal string
/// alignment distance.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// What `lanman get` can print: a catalogue setting, or any field of a `net config` output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingName {
    Setting(&'static Setting),
    Field(Kind, &'static str),
}

impl PartialEq for Setting {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}
impl Eq for Setting {}

impl SettingName {
    /// The name the JSON `setting` member carries: the catalogue name where there is one.
    pub fn name(self) -> &'static str {
        match self {
            SettingName::Setting(s) => s.name,
            SettingName::Field(_, json) => json,
        }
    }
}

impl FromStr for SettingName {
    type Err = InvalidValue;

    /// A catalogue name or alias first; then a JSON field name of `server --json`, then of
    /// `workstation --json`; `server.` / `workstation.` in front picks one of the two where
    /// both have the field (`workstation.software_version`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = normalize(s);
        let (scope, name) = match key.split_once('.') {
            Some(("server", name)) => (Some(Kind::Server), name),
            Some(("workstation", name)) => (Some(Kind::Workstation), name),
            Some(_) => (None, ""),
            None => (None, key.as_str()),
        };
        let setting = CATALOGUE
            .iter()
            .copied()
            .find(|s| s.answers_to(name))
            .filter(|s| scope.is_none() || scope == Some(Kind::Server) && s.net.is_some());
        if let Some(setting) = setting {
            return Ok(SettingName::Setting(setting));
        }
        let kinds = match scope {
            Some(kind) => vec![kind],
            None => vec![Kind::Server, Kind::Workstation],
        };
        kinds
            .into_iter()
            .find_map(|kind| {
                parse::specs(kind)
                    .find(|spec| spec.json == name)
                    .map(|spec| SettingName::Field(kind, spec.json))
            })
            .filter(|_| !name.is_empty())
            .ok_or_else(|| {
                let names = CATALOGUE
                    .iter()
                    .flat_map(|s| std::iter::once(s.name).chain(s.aliases.iter().copied()))
                    .chain(parse::specs(Kind::Server).map(|spec| spec.json))
                    .chain(parse::specs(Kind::Workstation).map(|spec| spec.json));
                match did_you_mean(name, names) {
                    Some(near) => {
                        InvalidValue(format!("unknown setting {}: did you mean {near}?", quoted(s)))
                    }
                    None => InvalidValue(format!(
                        "unknown setting {}: use {}, or a JSON field name of `lanman server --json` / `lanman workstation --json`",
                        quoted(s),
                        CATALOGUE.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
                    )),
                }
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_aliases_find_their_setting() {
        assert_eq!(
            find("autodisconnect").map(|s| s.name),
            Some("autodisconnect")
        );
        assert_eq!(
            find("Idle-Session-Minutes").map(|s| s.name),
            Some("autodisconnect")
        );
        assert_eq!(find("server_comment").map(|s| s.name), Some("srvcomment"));
        assert_eq!(find("KeepConn").map(|s| s.name), Some("keepconn"));
        assert!(find("nope").is_none());
    }

    #[test]
    fn near_misses_find_the_name_and_far_ones_do_not() {
        let names = || CATALOGUE.iter().map(|s| s.name);
        assert_eq!(
            did_you_mean("autodisconect", names()),
            Some("autodisconnect")
        );
        assert_eq!(
            did_you_mean("autodisconnnect", names()),
            Some("autodisconnect")
        );
        assert_eq!(did_you_mean("keepcon", names()), Some("keepconn"));
        assert_eq!(did_you_mean("Keepocnn", names()), Some("keepconn"));
        assert_eq!(did_you_mean("hiden", names()), Some("hidden"));
        assert_eq!(did_you_mean("bogus", names()), None);
        assert_eq!(did_you_mean("x", names()), None);
        assert_eq!(did_you_mean("keepconn", names()), None);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn get_names_resolve_to_settings_then_fields() {
        let name = |s: &str| s.parse::<SettingName>().map(SettingName::name);
        assert_eq!(name("idle_session_minutes"), Ok("autodisconnect"));
        assert_eq!(name("server_comment"), Ok("srvcomment"));
        assert_eq!(name("software_version"), Ok("software_version"));
        assert_eq!(
            "workstation.software_version".parse(),
            Ok(SettingName::Field(Kind::Workstation, "software_version"))
        );
        assert_eq!(
            "software_version".parse(),
            Ok(SettingName::Field(Kind::Server, "software_version"))
        );
        assert_eq!(
            "workstation.user_name".parse(),
            Ok(SettingName::Field(Kind::Workstation, "user_name"))
        );
        assert!("server.user_name".parse::<SettingName>().is_err());
        assert!("workstation.keepconn".parse::<SettingName>().is_err());
        assert!("nope".parse::<SettingName>().is_err());
        assert!("server.".parse::<SettingName>().is_err());
        // Every JSON field name resolves, to its setting where the catalogue shows it.
        for kind in [Kind::Server, Kind::Workstation] {
            for spec in parse::specs(kind) {
                let resolved = spec.json.parse::<SettingName>().unwrap();
                match resolved {
                    SettingName::Setting(s) => {
                        assert_eq!(s.net.map(|n| n.field), Some(spec.json));
                    }
                    SettingName::Field(_, json) => assert_eq!(json, spec.json),
                }
            }
        }
    }

    #[test]
    fn every_net_line_names_a_server_field() {
        for setting in CATALOGUE {
            if let Some(net) = setting.net {
                assert!(
                    parse::specs(Kind::Server).any(|spec| spec.json == net.field),
                    "{}",
                    setting.name
                );
            }
        }
    }

    #[test]
    fn registry_values_read_in_the_settings_unit() {
        let autodisconnect = &AUTODISCONNECT;
        assert_eq!(
            autodisconnect.from_dword(0xFFFF_FFFF),
            Some(SettingValue::Minutes(-1))
        );
        assert_eq!(
            autodisconnect.from_dword(480),
            Some(SettingValue::Minutes(480))
        );
        assert_eq!(SettingValue::Minutes(-1).dword(), Some(0xFFFF_FFFF));
        assert_eq!(HIDDEN.from_dword(2), Some(SettingValue::Flag(true)));
        assert_eq!(SRVCOMMENT.from_dword(1), None);
    }

    #[test]
    fn every_setting_parses_its_default_back() {
        for setting in CATALOGUE {
            let Some(default) = setting.default_value() else {
                continue;
            };
            if setting.writers.is_empty() || default == SettingValue::Text(String::new()) {
                continue;
            }
            assert_eq!(
                (setting.parse)(&default.bare()),
                Ok(default),
                "{}",
                setting.name
            );
        }
    }
}
