//! A parsed `net config` output as values, one per field of its table (`server.rs`,
//! `workstation.rs`), and how field text becomes a value. The JSON form, the `missing` /
//! `absent` / `unreadable` lists and lanman's text output all come from the same table.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::labels::LANGUAGES;
use super::model::{Field, FieldSpec, Interpret, Line, Transport};
use super::{Kind, Reading};

/// `Maximum Logged On Users`: a number, or `Unlimited` (docs/windows.md#special-values).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserLimit {
    Count(u64),
    Unlimited,
}

/// The value of one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Number(u64),
    /// Minutes; `-1` when idle disconnect is off.
    Minutes(i64),
    Flag(bool),
    Users(UserLimit),
    Transports(Vec<Transport>),
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Text(text) => serializer.serialize_str(text),
            Value::Number(n) | Value::Users(UserLimit::Count(n)) => serializer.serialize_u64(*n),
            Value::Minutes(m) => serializer.serialize_i64(*m),
            Value::Flag(f) => serializer.serialize_bool(*f),
            Value::Users(UserLimit::Unlimited) => serializer.serialize_str("unlimited"),
            Value::Transports(list) => list.serialize(serializer),
        }
    }
}

impl Value {
    /// As `get` prints it: one line per item (transports), numbers in decimal, yes/no.
    pub fn lines(&self) -> Vec<String> {
        match self {
            Value::Text(text) => vec![text.clone()],
            Value::Number(n) | Value::Users(UserLimit::Count(n)) => vec![n.to_string()],
            Value::Minutes(m) => vec![m.to_string()],
            Value::Flag(f) => vec![if *f { "yes" } else { "no" }.to_string()],
            Value::Users(UserLimit::Unlimited) => vec!["unlimited".to_string()],
            Value::Transports(list) => list.iter().map(transport_text).collect(),
        }
    }
}

/// `name (address)`, as net prints it.
pub fn transport_text(t: &Transport) -> String {
    if t.address.is_empty() {
        t.name.clone()
    } else {
        format!("{} ({})", t.name, t.address)
    }
}

/// A parsed `net config server` or `net config workstation` output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetConfig {
    kind: Kind,
    /// One reading per field of the kind's table, in table order.
    values: Vec<Reading<Value>>,
}

impl NetConfig {
    pub(crate) fn new(kind: Kind, values: Vec<Reading<Value>>) -> NetConfig {
        debug_assert_eq!(values.len(), specs(kind).count());
        NetConfig { kind, values }
    }

    /// Build one from readings by JSON name (tests; unnamed fields are `Missing`).
    pub fn from_fields(kind: Kind, fields: Vec<(&str, Reading<Value>)>) -> NetConfig {
        let mut fields = fields;
        let values = specs(kind)
            .map(|spec| {
                fields
                    .iter()
                    .position(|(name, _)| *name == spec.json)
                    .map_or(Reading::Missing, |i| fields.swap_remove(i).1)
            })
            .collect();
        NetConfig { kind, values }
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Every field with its reading, in the printed order.
    pub fn fields(&self) -> impl Iterator<Item = (&'static FieldSpec, &Reading<Value>)> {
        specs(self.kind).zip(&self.values)
    }

    /// The reading of the field with this JSON name.
    pub fn by_name(&self, json: &str) -> Option<&Reading<Value>> {
        self.fields()
            .find(|(spec, _)| spec.json == json)
            .map(|(_, reading)| reading)
    }

    pub(crate) fn by_field(&self, field: Field) -> &Reading<Value> {
        lines(self.kind)
            .iter()
            .filter(|line| line.spec.is_some())
            .position(|line| line.field == field)
            .and_then(|i| self.values.get(i))
            .unwrap_or(&Reading::Missing)
    }

    /// Replace one field's reading.
    pub(crate) fn set(&mut self, field: Field, reading: Reading<Value>) {
        let index = lines(self.kind)
            .iter()
            .filter(|line| line.spec.is_some())
            .position(|line| line.field == field);
        if let Some(slot) = index.and_then(|i| self.values.get_mut(i)) {
            *slot = reading;
        }
    }

    /// `Idle session time (min)`: autodisconnect minutes, `-1` when off.
    pub fn idle_session_minutes(&self) -> Reading<i64> {
        self.by_field(Field::IdleSessionTime)
            .map_value(|v| match v {
                Value::Minutes(m) => Some(*m),
                _ => None,
            })
    }

    /// JSON names of the fields in one state: lines not in the output (`missing`), optional
    /// lines this output does not print (`absent`), values lanman cannot interpret
    /// (`unreadable`).
    pub fn names_where(&self, state: impl Fn(&Reading<Value>) -> bool) -> Vec<&'static str> {
        self.fields()
            .filter(|(_, reading)| state(reading))
            .map(|(spec, _)| spec.json)
            .collect()
    }

    pub fn missing(&self) -> Vec<&'static str> {
        self.names_where(|r| matches!(r, Reading::Missing))
    }

    pub fn absent(&self) -> Vec<&'static str> {
        self.names_where(|r| matches!(r, Reading::Absent))
    }

    pub fn unreadable(&self) -> Vec<&'static str> {
        self.names_where(|r| matches!(r, Reading::Unreadable(_)))
    }
}

/// The fields as one JSON object: each JSON name with its value, `null` when there is none
/// (the `missing` / `absent` / `unreadable` lists beside it say why).
impl Serialize for NetConfig {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.values.len()))?;
        for (spec, reading) in self.fields() {
            match reading {
                Reading::Value(value) => map.serialize_entry(spec.json, value)?,
                _ => map.serialize_entry(spec.json, &None::<()>)?,
            }
        }
        map.end()
    }
}

/// The printed lines of an output kind.
pub(crate) fn lines(kind: Kind) -> &'static [Line] {
    match kind {
        Kind::Server => super::server::LINES,
        Kind::Workstation => super::workstation::LINES,
    }
}

/// The fields of an output kind, in order.
pub fn specs(kind: Kind) -> impl Iterator<Item = &'static FieldSpec> {
    lines(kind).iter().filter_map(|line| line.spec.as_ref())
}

/// Interpret a field's text; `None` when it cannot be (the caller warns).
pub(crate) fn interpret(how: Interpret, text: &str) -> Option<Value> {
    match how {
        Interpret::Unc => text
            .strip_prefix("\\\\")
            .map(|name| Value::Text(name.to_string())),
        Interpret::Text => Some(Value::Text(text.to_string())),
        Interpret::Number => number(text).map(Value::Number),
        Interpret::SignedNumber => signed_number(text).map(Value::Minutes),
        Interpret::YesNo => yes_no(text).map(Value::Flag),
        Interpret::UserLimit => user_limit(text).map(Value::Users),
        // Transports come from the lines below, not from text.
        Interpret::Transports => None,
    }
}

/// A number as net.exe prints it (`%u`/`%d`, ASCII digits, no separators).
fn number(text: &str) -> Option<u64> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn signed_number(text: &str) -> Option<i64> {
    match text.strip_prefix('-') {
        Some(digits) => number(digits)
            .and_then(|n| i64::try_from(n).ok())
            .map(|n| -n),
        None => number(text).and_then(|n| i64::try_from(n).ok()),
    }
}

/// `Yes` / `No` in any language lanman has a table for (docs/windows.md#labels).
pub(crate) fn yes_no(text: &str) -> Option<bool> {
    let text = text.trim();
    LANGUAGES.iter().find_map(|lang| {
        if lang.yes.iter().any(|y| y.eq_ignore_ascii_case(text)) {
            Some(true)
        } else if lang.no.iter().any(|n| n.eq_ignore_ascii_case(text)) {
            Some(false)
        } else {
            None
        }
    })
}

fn user_limit(text: &str) -> Option<UserLimit> {
    if let Some(n) = number(text) {
        return Some(UserLimit::Count(n));
    }
    LANGUAGES
        .iter()
        .any(|lang| {
            lang.unlimited
                .iter()
                .any(|u| u.eq_ignore_ascii_case(text.trim()))
        })
        .then_some(UserLimit::Unlimited)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_ascii_digits_only() {
        assert_eq!(number("16384"), Some(16384));
        for bad in ["", "1 000", "1.5", "+1", "１"] {
            assert_eq!(number(bad), None, "{bad:?}");
        }
        assert_eq!(signed_number("-1"), Some(-1));
        assert_eq!(signed_number("--1"), None);
    }

    #[test]
    fn unlimited_is_its_own_json_value_not_null() {
        let json = serde_json::to_value(Value::Users(UserLimit::Unlimited)).unwrap();
        assert_eq!(json, serde_json::json!("unlimited"));
    }

    #[test]
    fn every_table_has_unique_json_names() {
        for kind in [Kind::Server, Kind::Workstation] {
            let names: Vec<_> = specs(kind).map(|s| s.json).collect();
            let mut unique = names.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(names.len(), unique.len(), "{kind:?}");
        }
    }
}
