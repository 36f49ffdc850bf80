//! Group Policy Preferences drive maps, from a `Drives.xml` the Drive Maps extension keeps in
//! the user's Group Policy history (docs/windows.md#gpp-drive-maps). Pure: text in, the drive
//! maps out. The element and attribute names are [MS-GPPREF] 2.2.1.4's.

/// What a drive map preference does at each policy refresh.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GppAction {
    Create,
    /// Delete the mapping and create it again, at every refresh.
    Replace,
    Update,
    Delete,
}

/// One drive map preference item.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct GppDrive {
    /// `Z:`; `None` when the item names no letter.
    pub letter: Option<String>,
    /// The UNC path (`\\server\share`), `None` when empty (an Update of an existing letter).
    pub path: Option<String>,
    pub action: GppAction,
    /// The GPO the history file belongs to (its folder name, a GUID), when known.
    pub gpo: Option<String>,
}

/// The enabled drive map items of one `Drives.xml`. `None` when the text is not XML at all.
pub fn parse_gpp_drives(text: &str, gpo: Option<&str>) -> Option<Vec<GppDrive>> {
    // roxmltree reads text, whatever encoding the declaration names (the history copy may say
    // utf-16 while lanman has already decoded it).
    let body = match text.trim_start_matches('\u{feff}').trim_start() {
        t if t.starts_with("<?xml") => t.find("?>").map_or(t, |end| &t[end + 2..]),
        t => t,
    };
    let doc = roxmltree::Document::parse(body).ok()?;
    let drives = doc
        .descendants()
        .filter(|n| n.has_tag_name("Drive"))
        .filter(|n| n.attribute("disabled") != Some("1"))
        .filter_map(|drive| {
            let properties = drive.children().find(|c| c.has_tag_name("Properties"))?;
            let action = match properties.attribute("action").unwrap_or("U") {
                "C" | "c" => GppAction::Create,
                "R" | "r" => GppAction::Replace,
                "D" | "d" => GppAction::Delete,
                _ => GppAction::Update,
            };
            let letter = properties
                .attribute("letter")
                .map(str::trim)
                .filter(|l| l.len() == 1 && l.chars().all(|c| c.is_ascii_alphabetic()))
                .map(|l| format!("{}:", l.to_ascii_uppercase()));
            let path = properties
                .attribute("path")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string);
            Some(GppDrive {
                letter,
                path,
                action,
                gpo: gpo.map(str::to_string),
            })
        })
        .collect();
    Some(drives)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_items_are_read_and_disabled_ones_skipped() {
        let text = "\u{feff}<?xml version=\"1.0\" encoding=\"utf-16\"?>\r\n<Drives clsid=\"{8FDDCC1A-0C3C-43cd-A6B4-71A6DF20DA8C}\"><Drive clsid=\"{935D1B74-9CB8-4e3c-9914-7DD559B7A417}\" name=\"S:\" status=\"S:\" image=\"1\" uid=\"{1}\"><Properties action=\"R\" thisDrive=\"NOCHANGE\" allDrives=\"NOCHANGE\" userName=\"\" path=\"\\\\FS01\\data\" label=\"\" persistent=\"1\" useLetter=\"1\" letter=\"S\"/></Drive><Drive clsid=\"{935D1B74-9CB8-4e3c-9914-7DD559B7A417}\" name=\"T:\" disabled=\"1\"><Properties action=\"R\" path=\"\\\\FS01\\x\" letter=\"T\"/></Drive><Drive name=\"U:\"><Properties path=\"\\\\FS02\\home\" letter=\"u\"/></Drive></Drives>";
        let drives = parse_gpp_drives(text, Some("{GPO}")).unwrap();
        assert_eq!(drives.len(), 2);
        assert_eq!(drives[0].letter.as_deref(), Some("S:"));
        assert_eq!(drives[0].action, GppAction::Replace);
        assert_eq!(drives[0].path.as_deref(), Some("\\\\FS01\\data"));
        assert_eq!(drives[1].action, GppAction::Update);
        assert_eq!(drives[1].letter.as_deref(), Some("U:"));
    }

    #[test]
    fn text_that_is_not_xml_is_refused() {
        assert_eq!(parse_gpp_drives("not xml <", None), None);
    }
}
