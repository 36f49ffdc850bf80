//! The words net.exe prints around and in its `net use` / `net share` tables, one entry per
//! display language, and the loose comparison that survives pasting damage.
//!
//! Provenance of every word is in the comment beside it:
//! - `seen: FILE` — in that recording (fixtures/);
//! - `named` — listed as a real net.exe word by the task brief or the team collection's
//!   README, but in no recording here.
//!
//! There are no guesses: a word nobody has seen is left out, and the reader falls back to the
//! structure (an unknown status comes back as `Status::Unknown` with its text).

use super::list::{Network, Status};

/// The words of one display language. Empty slices mean "not known".
pub(crate) struct Language {
    pub(crate) code: &'static str,
    /// `net use` column titles, in order.
    pub(crate) use_header: &'static [&'static str],
    /// `net share` column titles, in order.
    pub(crate) share_header: &'static [&'static str],
    pub(crate) statuses: &'static [(&'static str, Status)],
    /// The line above the `net use` table, and whether it says "will be remembered".
    pub(crate) remembered: &'static [(&'static str, bool)],
    /// The sentence net.exe prints instead of an empty table.
    pub(crate) no_entries: &'static [&'static str],
    /// The success line after a table.
    pub(crate) success: &'static [&'static str],
    /// Network provider names.
    pub(crate) providers: &'static [(&'static str, Network)],
    /// Remarks of the default shares, to split rows whose columns were lost.
    pub(crate) remarks: &'static [&'static str],
}

pub(crate) static LANGUAGES: &[Language] = &[
    Language {
        code: "en",
        use_header: &["Status", "Local", "Remote", "Network"], // seen: use-en-1.txt
        share_header: &["Share name", "Resource", "Remark"],   // seen: share-en-1.txt
        statuses: &[
            ("OK", Status::Ok), // seen: use-en-1.txt (and most use-* files)
            ("Disconnected", Status::Disconnected), // seen: use-en-1.txt, use-en-3.txt
            ("Unavailable", Status::Unavailable), // seen: use-en-7.txt
            ("Reconnecting", Status::Reconnecting), // named (brief)
        ],
        remembered: &[
            ("New connections will be remembered.", true), // seen: use-en-1.txt
            ("New connections will not be remembered.", false), // named (brief)
        ],
        no_entries: &["There are no entries in the list."], // seen: use-en-5.txt
        success: &["The command completed successfully."],  // seen: use-en-1.txt
        providers: &[
            ("Microsoft Windows Network", Network::Smb), // seen: use-en-1.txt
            ("NFS Network", Network::Nfs),               // seen: use-en-2.txt
            ("Microsoft Terminal Services", Network::TerminalServices), // seen: use-zh-6.txt
            ("Web Client Network", Network::Webdav),     // named (brief)
            ("VirtualBox Shared Folders", Network::Virtualbox), // named (brief)
        ],
        remarks: &[
            "Default share",      // seen: share-en-1.txt
            "Remote IPC",         // seen: share-en-1.txt
            "Remote Admin",       // seen: share-en-1.txt
            "Printer Drivers",    // seen: share-en-1.txt
            "Logon server share", // seen: share-en-1.txt
        ],
    },
    Language {
        code: "de",
        use_header: &["Status", "Lokal", "Remote", "Netzwerk"], // seen: use-de-1.txt, use-de-2.txt
        share_header: &[],
        statuses: &[
            ("Getrennt", Status::Disconnected), // named (README)
            // named (README, which quotes it damaged as `Nicht verfgb`); `same` accepts the
            // lost or replaced ü and the cut at the column's end.
            ("Nicht verfügbar", Status::Unavailable),
        ],
        remembered: &[("Neue Verbindungen werden gespeichert.", true)], // seen: use-de-1.txt
        no_entries: &["Es sind keine Einträge in der Liste."], // seen: sessions/session-de-1.txt
        success: &["Der Befehl wurde erfolgreich ausgeführt."], // seen: use-de-1.txt
        providers: &[],
        remarks: &[],
    },
    Language {
        code: "fr",
        // seen: use-fr-1.txt, as `�tat` and `R�seau` (mojibake)
        use_header: &["État", "Local", "Distant", "Réseau"],
        share_header: &[],
        statuses: &[],
        // seen: use-fr-1.txt (mojibake)
        remembered: &[("Les nouvelles connexions ne seront pas mémorisées.", false)],
        no_entries: &[],
        success: &["La commande s'est terminée correctement."], // seen: use-fr-1.txt, use-fr-2.txt
        providers: &[],
        remarks: &[],
    },
    Language {
        code: "it",
        use_header: &[],
        share_header: &[],
        statuses: &[],
        remembered: &[],
        no_entries: &[],
        success: &["Esecuzione comando riuscita."], // seen: use-it-1.txt
        providers: &[],
        remarks: &[],
    },
    Language {
        code: "pt",
        use_header: &["Status", "Local", "Remoto", "Rede"], // seen: use-pt-1.txt, use-pt-2.txt
        share_header: &[],
        // named (README, language not stated; Spanish spells it the same)
        statuses: &[("Conectado", Status::Ok)],
        remembered: &[("Novas conexões serão lembradas.", true)], // seen: use-pt-1.txt
        no_entries: &[],
        success: &["Comando concluído com êxito."], // seen: use-pt-1.txt, use-pt-2.txt
        providers: &[("Rede Microsoft Windows", Network::Smb)], // seen: use-pt-1.txt
        remarks: &[],
    },
    Language {
        code: "ja",
        use_header: &["ステータス", "ローカル名", "リモート名", "ネットワーク名"], // seen: use-ja-1.txt
        share_header: &[],
        statuses: &[
            ("利用不可", Status::Unavailable), // named (README)
            ("切断", Status::Disconnected),    // named (README)
        ],
        remembered: &[("新しい接続は記憶されます。", true)], // seen: use-ja-1.txt
        no_entries: &[],
        success: &["コマンドは正常に終了しました。"], // seen: use-ja-1.txt
        providers: &[],
        remarks: &[],
    },
    Language {
        code: "ko",
        use_header: &[],
        share_header: &["공유 이름", "리소스", "설명"], // seen: share-ko-1.txt
        statuses: &[],
        remembered: &[],
        no_entries: &[],
        success: &["명령을 잘 실행했습니다."], // seen: share-ko-1.txt
        providers: &[],
        remarks: &["기본 공유", "원격 IPC", "원격 관리"], // seen: share-ko-1.txt
    },
    Language {
        code: "ru",
        use_header: &[],
        share_header: &[],
        statuses: &[],
        remembered: &[("Новые подключения будут запомнены.", true)], // seen: use-ru-1.txt
        no_entries: &["В списке нет элементов."],                    // seen: use-ru-1.txt
        success: &[],
        providers: &[],
        remarks: &[],
    },
    Language {
        code: "zh-CN",
        use_header: &["状态", "本地", "远程", "网络"], // seen: use-zh-3.txt, use-zh-5.txt
        share_header: &["共享名", "资源", "注解"],     // seen: share-zh-1.txt
        statuses: &[
            ("不可用", Status::Unavailable), // seen: use-zh-3.txt, use-zh-7.txt
            ("已断开连接", Status::Disconnected), // named (README)
        ],
        remembered: &[("会记录新的网络连接。", true)], // seen: use-zh-3.txt
        no_entries: &["列表是空的。"],                 // seen: use-zh-2.txt, use-zh-4.txt
        success: &["命令成功完成。"],                  // seen: use-zh-3.txt, share-zh-1.txt
        providers: &[],
        // seen: share-zh-1.txt, share-zh-2.txt
        remarks: &["默认共享", "远程 IPC", "远程管理", "打印机驱动程序"],
    },
];

/// `seen` is `known` up to case, runs of whitespace, and the damage pastes do to non-ASCII
/// letters in mostly-Latin text: lost, replaced by U+FFFD or `?`, or turned into a two-character
/// mojibake pair. With `allow_cut`, `seen` may also stop early (a word cut at its column's
/// end) once it has 10 characters. Texts without ASCII letters (CJK, Cyrillic) compare exactly.
pub(crate) fn same(seen: &str, known: &str, allow_cut: bool) -> bool {
    // No known text is near this long, whatever its padding: keeps long lines cheap.
    if seen.len() > 4 * known.len() + 64 {
        return false;
    }
    // An ASCII character of `known` is never damaged: the ends must agree (most calls stop
    // here, as every row is compared with the success lines).
    let ends = |a: Option<char>, b: Option<char>| match (a, b) {
        (Some(a), Some(b)) if b.is_ascii() => a.eq_ignore_ascii_case(&b),
        _ => true,
    };
    let (seen_trim, known_trim) = (seen.trim(), known.trim());
    if !ends(seen_trim.chars().next(), known_trim.chars().next())
        || !allow_cut
            && !ends(
                seen_trim.chars().next_back(),
                known_trim.chars().next_back(),
            )
    {
        return false;
    }
    if seen_trim.eq_ignore_ascii_case(known_trim) || folded(seen).eq(folded(known)) {
        return true;
    }
    let ascii_letters = known.chars().filter(char::is_ascii_alphabetic).count();
    let others = known.chars().filter(|c| !c.is_ascii()).count();
    // Loose comparison only where most letters are ASCII, and only when the ASCII letters
    // and digits agree (damage touches only non-ASCII characters): a cheap filter before
    // the quadratic walk.
    if others == 0 && !allow_cut || ascii_letters < 3 * others {
        return false;
    }
    let mut seen_skeleton = skeleton(seen);
    let mut known_skeleton = skeleton(known);
    loop {
        match (seen_skeleton.next(), known_skeleton.next()) {
            (None, None) => break,
            (None, Some(_)) if allow_cut => break,
            (a, b) if a == b => {}
            _ => return false,
        }
    }
    let seen: Vec<char> = folded(seen).collect();
    let known: Vec<char> = folded(known).collect();
    if known.len() > 80 || seen.len() > 2 * known.len() + 2 {
        return false;
    }
    loose(&seen, &known, allow_cut)
}

/// Lowercase, whitespace runs folded to one space, trimmed.
fn folded(text: &str) -> impl Iterator<Item = char> + '_ {
    text.split_whitespace()
        .enumerate()
        .flat_map(|(i, word)| (i > 0).then_some(' ').into_iter().chain(word.chars()))
        .flat_map(char::to_lowercase)
}

/// The ASCII letters and digits, lowercased: what pasting damage leaves alone.
fn skeleton(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
}

/// Reachability over (chars of `seen` consumed, chars of `known` consumed).
fn loose(seen: &[char], known: &[char], allow_cut: bool) -> bool {
    let (n, m) = (seen.len(), known.len());
    let at = |i: usize, j: usize| i * (m + 1) + j;
    let mut reach = vec![false; (n + 1) * (m + 1)];
    reach[0] = true;
    for i in 0..=n {
        for j in 0..=m {
            if !reach[at(i, j)] {
                continue;
            }
            if i < n && j < m && seen[i] == known[j] {
                reach[at(i + 1, j + 1)] = true;
            }
            if j < m && !known[j].is_ascii() {
                reach[at(i, j + 1)] = true; // lost
                if i < n && (!seen[i].is_ascii() || seen[i] == '?') {
                    reach[at(i + 1, j + 1)] = true; // replaced
                }
                if i + 1 < n && !seen[i].is_ascii() && !seen[i + 1].is_ascii() {
                    reach[at(i + 2, j + 1)] = true; // mojibake pair
                }
            }
        }
    }
    reach[at(n, m)] || (allow_cut && n >= 10 && (0..m).any(|j| reach[at(n, j)]))
}

pub(crate) fn status_of(text: &str) -> Option<Status> {
    LANGUAGES.iter().find_map(|lang| {
        lang.statuses
            .iter()
            .find(|(word, _)| same(text, word, true))
            .map(|&(_, status)| status)
    })
}

pub(crate) fn provider_of(text: &str) -> Option<Network> {
    LANGUAGES.iter().find_map(|lang| {
        lang.providers
            .iter()
            .find(|(name, _)| same(text, name, false))
            .map(|&(_, network)| network)
    })
}

pub(crate) fn remembered_of(line: &str) -> Option<(bool, &'static Language)> {
    LANGUAGES.iter().find_map(|lang| {
        lang.remembered
            .iter()
            .find(|(text, _)| same(line, text, false))
            .map(|&(_, remembered)| (remembered, lang))
    })
}

pub(crate) fn success_of(line: &str) -> Option<&'static Language> {
    LANGUAGES
        .iter()
        .find(|lang| lang.success.iter().any(|text| same(line, text, false)))
}

pub(crate) fn no_entries_of(line: &str) -> Option<&'static Language> {
    LANGUAGES
        .iter()
        .find(|lang| lang.no_entries.iter().any(|text| same(line, text, false)))
}

fn header_of(
    line: &str,
    titles: fn(&Language) -> &'static [&'static str],
) -> Option<&'static Language> {
    LANGUAGES.iter().find(|lang| {
        let titles = titles(lang);
        !titles.is_empty() && same(line, &titles.join(" "), false)
    })
}

pub(crate) fn use_header_of(line: &str) -> Option<&'static Language> {
    header_of(line, |lang| lang.use_header)
}

pub(crate) fn share_header_of(line: &str) -> Option<&'static Language> {
    header_of(line, |lang| lang.share_header)
}

pub(crate) fn is_known_remark(text: &str) -> bool {
    LANGUAGES
        .iter()
        .any(|lang| lang.remarks.iter().any(|remark| same(text, remark, false)))
}

/// The number of trailing `words` that form one of `names` (the longest such name).
fn suffix_len<'n>(words: &[&str], names: impl Iterator<Item = &'n str>) -> Option<usize> {
    let mut best: Option<usize> = None;
    for name in names {
        let count = name.split_whitespace().count();
        if count == 0 || count > words.len() || best.is_some_and(|b| b >= count) {
            continue;
        }
        if same(&words[words.len() - count..].join(" "), name, false) {
            best = Some(count);
        }
    }
    best
}

/// How many trailing `words` are a known provider name.
pub(crate) fn provider_suffix(words: &[&str]) -> Option<usize> {
    suffix_len(
        words,
        LANGUAGES
            .iter()
            .flat_map(|lang| lang.providers.iter().map(|&(name, _)| name)),
    )
}

/// How many trailing `words` are a known default-share remark.
pub(crate) fn remark_suffix(words: &[&str]) -> Option<usize> {
    suffix_len(
        words,
        LANGUAGES
            .iter()
            .flat_map(|lang| lang.remarks.iter().copied()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_words_still_match() {
        // README: `Nicht verfgb` (ü lost, cut at the column's end).
        assert!(same("Nicht verfgb", "Nicht verfügbar", true));
        assert!(same("Nicht verf\u{fffd}gbar", "Nicht verfügbar", true));
        assert!(same("Nicht verfÃ¼gbar", "Nicht verfügbar", true));
        assert!(same("NICHT  VERFÜGBAR", "Nicht verfügbar", true));
        // use-fr-1.txt
        assert!(same(
            "Les nouvelles connexions ne seront pas m\u{fffd}moris\u{fffd}es.",
            "Les nouvelles connexions ne seront pas mémorisées.",
            false
        ));
        assert!(same(
            "\u{fffd}tat Local Distant R\u{fffd}seau",
            "État Local Distant Réseau",
            false
        ));
    }

    #[test]
    fn damage_tolerance_does_not_confuse_different_words() {
        assert!(
            !same("Nicht", "Nicht verfügbar", true),
            "too short to be a cut word"
        );
        assert!(!same(
            "Les nouvelles connexions seront mémorisées.",
            "Les nouvelles connexions ne seront pas mémorisées.",
            false
        ));
        assert!(!same("Disconnected", "Connected", false));
        assert!(
            !same("Disconnect", "Disconnected", false),
            "no cut where none is allowed"
        );
        // Texts without ASCII letters compare exactly.
        assert!(!same("不可", "不可用", true));
        assert!(!same("切", "切断", true));
        assert!(same("不可用", "不可用", true));
    }

    #[test]
    fn every_language_has_a_code_and_consistent_headers() {
        for lang in LANGUAGES {
            assert!(!lang.code.is_empty());
            assert!(
                lang.use_header.is_empty() || lang.use_header.len() == 4,
                "{}",
                lang.code
            );
            assert!(
                lang.share_header.is_empty() || lang.share_header.len() == 3,
                "{}",
                lang.code
            );
        }
    }

    #[test]
    fn known_suffixes_end_rows_whose_spaces_were_collapsed() {
        let row = ["\\\\srv\\My", "Docs", "Microsoft", "Windows", "Network"];
        assert_eq!(provider_suffix(&row), Some(3));
        assert_eq!(remark_suffix(&["C:\\", "Default", "share"]), Some(2));
        assert_eq!(remark_suffix(&["C:\\x", "Something", "else"]), None);
    }
}
