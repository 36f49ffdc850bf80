//! Properties of lanman's pure core, checked on generated inputs (proptest). Part of the normal
//! `cargo test`; no timing is asserted. The fuzz targets in `fuzz/` check the same no-panic
//! properties with coverage guidance; these run in CI.
//!
//! 1. Arbitrary bytes and strings never panic: decoding in every encoding, every parser and
//!    classifier, the renderers, and recorded outputs with random edits.
//! 2. Render -> parse round trips: a test-only renderer prints `net config server` /
//!    `net config workstation` output for a generated configuration exactly as docs/windows.md#net-config-layout
//!    describes (labels padded to a column, TAB transports, blank-line groups, CRLF), in English,
//!    in Chinese and in an invented display language lanman has no table for; lanman must read
//!    back every field, or (for the invented language) report what it cannot know instead of
//!    guessing. The shapes that do not round-trip are tested as such, with the reason, at the
//!    end of that section.
//! 3. Values: nothing outside the documented grammar is accepted (near-miss strings: signs,
//!    spaces, leading zeros, hex, exponents, Unicode digits, huge numbers, unit mixes), and
//!    every accepted value is in its documented range. The grammar is re-implemented here,
//!    independently of src/settings.rs.
//!
//! `PROPTEST_CASES=N` overrides the number of cases of every property.

#![allow(clippy::unwrap_used)] // tests panic on purpose

use std::path::Path;

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, FileFailurePersistence};

use lanman::decode::{self, Encoding};
use lanman::output::{JsonParsed, config_text};
use lanman::parse::net_error::classify_net_failure;
use lanman::parse::reg::{classify_reg_failure, parse_dword, parse_reg_query};
use lanman::parse::{
    Kind, NetConfig, ParseError, Reading, Transport, UserLimit, Value, parse_server,
    parse_workstation,
};
use lanman::settings::{AutoDisconnect, Hidden, Host, KeepConn, ServerComment, SettingName};

#[path = "reference/values.rs"]
mod reference;
use reference::{documented_comment, expected_autodisconnect, expected_hidden, expected_keepconn};

/// `cases` unless `PROPTEST_CASES` is set. The counts keep the whole file at a few seconds in
/// a debug build on 2 cores.
fn cases(cases: u32) -> Config {
    let mut config = Config {
        // Failures found once are replayed first on every run (the file is committed). The
        // default looks for a lib.rs beside this file and finds none under tests/.
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/properties.proptest-regressions",
        ))),
        ..Config::default()
    };
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    config
}

// ---------------------------------------------------------------------------------------------
// 1. Nothing panics

/// Everything lanman does with bytes a child printed (or a file `lanman parse` read).
fn read_everything(bytes: &[u8], oem: u16) {
    for encoding in [
        Encoding::Auto,
        Encoding::Utf8,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::CodePage(437),
        Encoding::CodePage(850),
        Encoding::CodePage(936),
        Encoding::CodePage(1),
    ] {
        let decoded = decode::decode(bytes, encoding, oem);
        assert_ne!(decoded.used, Encoding::Auto);
    }
    let text = decode::decode(bytes, Encoding::Auto, oem).text;
    read_text(&text);
    // net's stdout and stderr: split at the first NUL.
    let (out, err) = bytes
        .iter()
        .position(|&b| b == 0)
        .map_or((bytes, &bytes[..0]), |i| (&bytes[..i], &bytes[i + 1..]));
    let _ = classify_net_failure(
        &decode::decode(out, Encoding::Auto, oem).text,
        &decode::decode(err, Encoding::Auto, oem).text,
    );
}

fn read_text(text: &str) {
    if let Ok(parsed) = parse_server(text) {
        let _ = config_text(&parsed.config);
        serde_json::to_string(&JsonParsed::new(&parsed)).unwrap();
    }
    if let Ok(parsed) = parse_workstation(text) {
        let _ = config_text(&parsed.config);
        serde_json::to_string(&JsonParsed::new(&parsed)).unwrap();
    }
    let key = parse_reg_query(text);
    for value in &key.values {
        let _ = value.dword();
    }
    let _ = parse_dword(text);
    let _ = classify_reg_failure(text);
    let _ = classify_net_failure(text, "");
    let _ = classify_net_failure("", text);
}

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["fixtures", "fixtures/wire", "tests/data"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                files.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// One random edit of a text: what a paste, a truncation or a hostile child can do.
#[derive(Clone, Debug)]
enum Edit {
    Insert(usize, char),
    Delete(usize, usize),
    /// Cut everything after this point (a truncated capture).
    Truncate(usize),
    /// Duplicate the line at this point.
    DuplicateLine(usize),
    /// Join this line with the next (a lost line break).
    JoinLine(usize),
    /// Collapse every run of spaces (a web-page paste).
    CollapseSpaces,
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    let interesting = select(vec![
        ' ', '\t', '\r', '\n', '\\', '(', ')', '-', '0', '9', '\u{FEFF}', '\u{FFFD}', '计', 'ü',
        '\u{0}', '>', ':', '：', '[', 'Y', '/',
    ]);
    prop_oneof![
        4 => (any::<usize>(), interesting).prop_map(|(at, c)| Edit::Insert(at, c)),
        2 => (any::<usize>(), any::<char>()).prop_map(|(at, c)| Edit::Insert(at, c)),
        4 => (any::<usize>(), 1..40usize).prop_map(|(at, n)| Edit::Delete(at, n)),
        1 => any::<usize>().prop_map(Edit::Truncate),
        2 => any::<usize>().prop_map(Edit::DuplicateLine),
        2 => any::<usize>().prop_map(Edit::JoinLine),
        1 => Just(Edit::CollapseSpaces),
    ]
}

fn apply(text: &str, edit: &Edit) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize| {
        if chars.is_empty() {
            0
        } else {
            i % (chars.len() + 1)
        }
    };
    let mut lines: Vec<&str> = text.split('\n').collect();
    let count = lines.len();
    let line = |i: usize| i % count;
    match *edit {
        Edit::Insert(i, c) => {
            let mut out = chars.clone();
            out.insert(at(i), c);
            out.into_iter().collect()
        }
        Edit::Delete(i, n) => {
            let start = at(i);
            let end = (start + n).min(chars.len());
            chars[..start].iter().chain(&chars[end..]).collect()
        }
        Edit::Truncate(i) => chars[..at(i)].iter().collect(),
        Edit::DuplicateLine(i) => {
            let l = line(i);
            lines.insert(l, lines[l]);
            lines.join("\n")
        }
        Edit::JoinLine(i) => {
            let l = line(i);
            if l + 1 < lines.len() {
                let joined = format!("{} {}", lines[l], lines[l + 1]);
                let mut out: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
                out[l] = joined;
                out.remove(l + 1);
                out.join("\n")
            } else {
                text.to_string()
            }
        }
        Edit::CollapseSpaces => text
            .split(' ')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..1500),
        oem in select(vec![437u16, 850, 852, 866, 932, 936, 949, 950, 1252, 1]),
    ) {
        read_everything(&bytes, oem);
    }

    #[test]
    fn arbitrary_strings_never_panic(text in "\\PC{0,400}|[ \\t\\r\\n\\\\A-Za-z0-9():.-]{0,400}") {
        read_text(&text);
        read_everything(text.as_bytes(), 437);
    }

    /// Recorded outputs with random edits reach far deeper than random bytes do.
    #[test]
    fn edited_recordings_never_panic(
        index in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit_strategy(), 1..8),
    ) {
        let files = fixtures();
        let (name, bytes) = &files[index.index(files.len())];
        let cp = name
            .split('.')
            .find_map(|part| part.strip_prefix("cp").and_then(|n| n.parse().ok()))
            .unwrap_or(437);
        let mut text = decode::decode(bytes, Encoding::Auto, cp).text;
        for edit in &edits {
            text = apply(&text, edit);
        }
        read_text(&text);
        // The same, as UTF-16LE (PowerShell's `>`) and as LF/CRLF.
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        read_everything(&utf16, 437);
        read_text(&text.replace("\r\n", "\n"));
    }
}

#[test]
fn pathological_sizes_are_refused_not_slow() {
    // Far more lines than `net config` prints: refused (ParseError::TooLong), in bounded time.
    let line = "Some label                            value\r\n";
    let text = format!(
        "Server Name                           \\\\X\r\n{}",
        line.repeat(5000)
    );
    assert!(matches!(parse_server(&text), Err(ParseError::TooLong(_))));
    // One enormous line, a megabyte of one byte, nothing but blank lines.
    read_text(&format!("Server Name  \\\\X {}", "a ".repeat(200_000)));
    read_everything(&vec![0xFF; 1 << 20], 936);
    read_text(&"\r\n".repeat(100_000));
    // Long runs of blanks, where a matcher that retries every position of a run is quadratic
    // (the `\\NAME` line, reg's value line, transports, a prompt): a megabyte each, which a
    // quadratic scan would take hours over. lanman reads at most 1 MiB of a child's output.
    let blanks = " ".repeat(1 << 20);
    read_text(&format!("Server{blanks}x\r\n"));
    read_text(&format!("Server{blanks}\\\\\r\n"));
    read_text(&format!("    name{blanks}REG_x\r\n"));
    read_text(&format!("    {}\r\n", "a  REG_".repeat(150_000)));
    read_text(&format!(
        "Server Name  \\\\X\r\n\t{}\r\n",
        "a (".repeat(300_000)
    ));
    read_text(&format!("C:{}\r\n", " ".repeat(1 << 20)));
}

// ---------------------------------------------------------------------------------------------
// 2. Render -> parse round trips

/// A generated `net config server` configuration.
#[derive(Clone, Debug)]
struct Server {
    name: String,
    comment: String,
    version: String,
    transports: Vec<Transport>,
    hidden: bool,
    max_users: UserLimit,
    max_files: u64,
    idle: i64,
}

/// A generated `net config workstation` configuration.
#[derive(Clone, Debug)]
struct Workstation {
    computer: String,
    full_name: Option<String>,
    user: String,
    transports: Vec<Transport>,
    version: String,
    domain: String,
    dns_domain: Option<String>,
    logon_domain: String,
    com_open: u64,
    com_count: u64,
    com_timeout: u64,
}

/// The texts of one display language, in the printed order of docs/windows.md#net-config-layout.
#[derive(Clone, Debug)]
struct Language {
    /// `en`, `zh-CN`, or `None` for an invented one.
    name: Option<&'static str>,
    /// Server labels: name, comment, version, active on, hidden, users, files, idle.
    server: [String; 8],
    /// Workstation labels: computer, full name, user, active on, version, domain, DNS domain,
    /// logon domain, COM open, COM count, COM timeout.
    workstation: [String; 11],
    /// Display width labels are padded to (the value starts after it). net.exe pads to the
    /// longest label it knows, printed or not, plus five (docs/windows.md#net-config-layout).
    server_pad: usize,
    workstation_pad: usize,
    yes: String,
    no: String,
    unlimited: String,
    success: String,
}

fn strings<const N: usize>(labels: [&str; N]) -> [String; N] {
    labels.map(str::to_string)
}

/// en-US, recorded (server values at column 38, workstation at 37, 1-based).
fn english() -> Language {
    Language {
        name: Some("en"),
        server: strings([
            "Server Name",
            "Server Comment",
            "Software version",
            "Server is active on",
            "Server hidden",
            "Maximum Logged On Users",
            "Maximum open files per session",
            "Idle session time (min)",
        ]),
        workstation: strings([
            "Computer name",
            "Full Computer name",
            "User name",
            "Workstation active on",
            "Software version",
            "Workstation domain",
            "Workstation Domain DNS Name",
            "Logon domain",
            "COM Open Timeout (sec)",
            "COM Send Count (byte)",
            "COM Send Timeout (msec)",
        ]),
        server_pad: 37,
        workstation_pad: 36,
        yes: "Yes".into(),
        no: "No".into(),
        unlimited: "Unlimited".into(),
        success: "The command completed successfully.".into(),
    }
}

/// zh-CN: the labels of src/parse/labels.rs, padded to display width 29 (CJK = 2 columns) as
/// in every zh-CN recording. The server labels are from an older message table (docs/windows.md#net-config-layout).
fn chinese() -> Language {
    Language {
        name: Some("zh-CN"),
        server: strings([
            "服务器名称",
            "服务器注释",
            "软件版本",
            "服务器正运行于",
            "服务器已隐藏",
            "登录的用户数量上限",
            "每个会话打开的文件数量上限",
            "空闲的会话时间 (分)",
        ]),
        workstation: strings([
            "计算机名",
            "计算机全名",
            "用户名",
            "工作站正运行于",
            "软件版本",
            "工作站域",
            "工作站域 DNS 名称",
            "登录域",
            "COM 打开超时 (秒)",
            "COM 发送计数 (字节)",
            "COM 发送超时 (毫秒)",
        ]),
        server_pad: 29,
        workstation_pad: 29,
        yes: "是".into(),
        no: "否".into(),
        unlimited: "无限制".into(),
        success: "命令成功完成。".into(),
    }
}

/// Display width as net.exe pads (`PaddedString`): East Asian wide characters count 2.
fn width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let wide = matches!(u32::from(c),
                0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF
                | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6);
            if wide { 2 } else { 1 }
        })
        .sum()
}

fn pad(label: &str, to: usize) -> String {
    format!("{label}{}", " ".repeat(to.saturating_sub(width(label))))
}

/// Words of a display language lanman has no table for: Latin letters with accents, or
/// kana (two columns wide each, like the zh-CN labels).
fn invented_word() -> BoxedStrategy<String> {
    prop_oneof![
        3 => "[A-Z][a-zäöüéèñß]{1,11}",
        1 => "[ぁ-ゖ]{2,6}",
    ]
    .boxed()
}

fn invented_label() -> BoxedStrategy<String> {
    (
        prop::collection::vec(invented_word(), 1..4),
        select(vec!["", " (min)", " (s)", " (Bytes)", ":"]),
    )
        .prop_map(|(words, suffix)| format!("{}{suffix}", words.join(" ")))
        .boxed()
}

/// Whether an invented label could be taken for a known one: lanman names a line by a label
/// of its tables that starts it, word by word, ignoring ASCII case.
fn starts_like_a_known_label(label: &str) -> bool {
    let words: Vec<String> = label.split_whitespace().map(str::to_lowercase).collect();
    let (en, zh) = (english(), chinese());
    [&en, &zh].iter().any(|l| {
        l.server
            .iter()
            .chain(&l.workstation)
            .chain([&l.success])
            .any(|known| {
                let known: Vec<String> = known.split_whitespace().map(str::to_lowercase).collect();
                words.starts_with(&known)
            })
    })
}

/// Yes, No and Unlimited in the languages lanman has tables for.
fn is_known_word(word: &str) -> bool {
    let (en, zh) = (english(), chinese());
    [&en, &zh].iter().any(|l| {
        [&l.yes, &l.no, &l.unlimited]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(word))
    })
}

fn invented_language() -> impl Strategy<Value = Language> {
    (
        prop::array::uniform8(invented_label()),
        prop::array::uniform11(invented_label()),
        2..16usize,
        2..16usize,
        // Yes, No and Unlimited may be more than one word ("Bez ograniczeń").
        (
            "[A-Z][a-z]{1,5}( [a-z]{2,6})?",
            "[A-Z][a-z]{1,5}( [a-z]{2,6})?",
            "[A-Z][a-z]{3,11}( [a-z]{3,9})?",
        ),
        prop::collection::vec(invented_word(), 3..6),
    )
        .prop_filter(
            "nothing lanman has a table for",
            |(server, ws, _, _, (yes, no, unl), _)| {
                !server
                    .iter()
                    .chain(ws)
                    .any(|l| starts_like_a_known_label(l))
                    && ![yes, no, unl].iter().any(|w| is_known_word(w))
                    && yes != no
            },
        )
        .prop_map(
            |(mut server, mut workstation, gap_s, gap_w, (yes, no, unlimited), sentence)| {
                // The `active on` line's label owns the transports; like every real one (en, zh-CN
                // and the older texts of docs/windows.md#net-config-layout) it has no `(…)` of its own, which a collapsed
                // paste would make indistinguishable from a transport `name (address)`.
                for label in [&mut server[3], &mut workstation[3]] {
                    if let Some(at) = label.find(" (") {
                        label.truncate(at);
                    }
                }
                let server_pad = server.iter().map(|l| width(l)).max().unwrap() + gap_s;
                let workstation_pad = workstation.iter().map(|l| width(l)).max().unwrap() + gap_w;
                Language {
                    name: None,
                    server,
                    workstation,
                    server_pad,
                    workstation_pad,
                    yes,
                    no,
                    unlimited,
                    success: format!("{}.", sentence.join(" ")),
                }
            },
        )
}

fn language() -> impl Strategy<Value = Language> {
    prop_oneof![
        2 => Just(english()),
        1 => Just(chinese()),
        2 => invented_language(),
    ]
}

/// How the output is printed or saved.
#[derive(Clone, Debug)]
struct Shape {
    crlf: bool,
    /// `%-*.*ws` pads label-only lines (`Server is active on`, an empty comment) with trailing
    /// spaces; pastes often lose them.
    pad_label_only: bool,
    success_line: bool,
    trailing_blank_line: bool,
    paste: Paste,
}

/// What copying the output from a console or a web page does to it (README: "pastes with a
/// prompt line above them", docs/windows.md#net-config-layout). Each of these round-trips exactly.
#[derive(Clone, Debug)]
struct Paste {
    /// The `C:\>net config …` line above the output.
    prompt_above: bool,
    /// Every non-blank line indented by this many spaces.
    indent: usize,
    /// The TAB before transports turned into this many spaces (0: kept).
    tab_as_spaces: usize,
    drop_blank_lines: bool,
}

fn shape() -> impl Strategy<Value = Shape> {
    let paste = prop_oneof![
        3 => Just(Paste { prompt_above: false, indent: 0, tab_as_spaces: 0, drop_blank_lines: false }),
        2 => (any::<bool>(), select(vec![0usize, 2, 4]), select(vec![0usize, 4, 8]), any::<bool>())
            .prop_map(|(prompt_above, indent, tab_as_spaces, drop_blank_lines)| Paste {
                prompt_above,
                indent,
                tab_as_spaces,
                drop_blank_lines,
            }),
    ];
    (
        any::<bool>(),
        any::<bool>(),
        prop::bool::weighted(0.8),
        any::<bool>(),
        paste,
    )
        .prop_map(
            |(crlf, pad_label_only, success_line, trailing_blank_line, paste)| Shape {
                crlf,
                pad_label_only,
                success_line,
                trailing_blank_line,
                paste,
            },
        )
}

fn netbios() -> impl Strategy<Value = String> {
    "[A-Z][A-Z0-9-]{0,13}[A-Z0-9]"
}

fn dns_name() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{0,10}(\\.[a-z][a-z0-9]{1,8}){1,3}"
}

fn guid() -> impl Strategy<Value = String> {
    "\\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\\}"
}

fn transports(address: BoxedStrategy<String>) -> impl Strategy<Value = Vec<Transport>> {
    let name = prop_oneof![
        Just("NetbiosSmb".to_string()),
        guid().prop_map(|g| format!("NetBT_Tcpip_{g}")),
        guid().prop_map(|g| format!("Tcpip_{g}")),
    ];
    prop::collection::vec(
        (name, address).prop_map(|(name, address)| Transport { name, address }),
        0..4,
    )
}

fn software_version() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "Windows 10 Pro",
            "Windows 11 Enterprise",
            "Windows 2002"
        ])
        .prop_map(str::to_string),
        "Windows Server 20(08 R2|12 R2|16|19|22|25) (Standard|Datacenter)( Evaluation)?",
    ]
}

/// A comment `lanman set srvcomment` accepts (non-ASCII, two spaces in a row, parentheses …).
fn comment() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        4 => "[A-Za-z0-9äöüÄÖÜß,.()/_-]([A-Za-z0-9äöüÄÖÜß ,.()/_-]{0,46}[A-Za-z0-9äöüÄÖÜß.)])?",
        1 => "[计算机服务器A-Za-z]([计算机服务器 A-Za-z]{0,20}[计A-Z])?",
    ]
}

fn user_name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z][A-Za-z0-9._-]{0,19}",
        "[A-Z][a-z]{1,10} [A-Z][a-z]{1,12}",
        "[A-Z][a-z]{1,10} [A-Z]\\. [A-Z][a-z]{1,12}",
        "[a-z][a-z0-9.]{0,15}@[a-z]{2,10}\\.(example|com|onmicrosoft\\.com)",
    ]
}

fn server() -> impl Strategy<Value = Server> {
    (
        netbios(),
        comment(),
        software_version(),
        transports(prop_oneof![netbios().boxed(), Just(String::new()).boxed()].boxed()),
        any::<bool>(),
        prop_oneof![
            (0..=u64::from(u32::MAX - 1)).prop_map(UserLimit::Count),
            Just(UserLimit::Unlimited)
        ],
        0..=u64::from(u32::MAX),
        prop_oneof![Just(-1i64), 0..=65535i64, 65536..=i64::from(i32::MAX)],
    )
        .prop_map(
            |(name, comment, version, transports, hidden, max_users, max_files, idle)| Server {
                name,
                comment,
                version,
                transports,
                hidden,
                max_users,
                max_files,
                idle,
            },
        )
}

fn workstation() -> impl Strategy<Value = Workstation> {
    (
        (
            netbios(),
            prop::option::of(prop_oneof![netbios(), dns_name()]),
            user_name(),
        ),
        transports(
            prop_oneof![
                "[0-9A-F]{12}".boxed(),
                Just("000000000000".to_string()).boxed()
            ]
            .boxed(),
        ),
        software_version(),
        (
            netbios(),
            prop::option::of(dns_name()),
            prop_oneof![
                netbios().boxed(),
                Just("MicrosoftAccount".to_string()).boxed()
            ],
        ),
        (0..=65535u64, 0..=65535u64, 0..=u64::from(u32::MAX)),
    )
        .prop_map(
            |(
                (computer, full_name, user),
                transports,
                version,
                (domain, dns_domain, logon_domain),
                (com_open, com_count, com_timeout),
            )| Workstation {
                computer,
                full_name,
                user,
                transports,
                version,
                domain,
                dns_domain,
                logon_domain,
                com_open,
                com_count,
                com_timeout,
            },
        )
}

/// Lines as net.exe writes them (`None` is a blank line), then what a paste did to them.
fn finish(command: &str, mut lines: Vec<Option<String>>, lang: &Language, shape: &Shape) -> String {
    if shape.success_line {
        lines.push(Some(lang.success.clone()));
    }
    if shape.trailing_blank_line {
        lines.push(None);
    }
    let paste = &shape.paste;
    let eol = if shape.crlf { "\r\n" } else { "\n" };
    let mut out = String::new();
    if paste.prompt_above {
        out.push_str(&format!("C:\\Users\\admin>{command}{eol}"));
    }
    for line in lines {
        match line {
            None if paste.drop_blank_lines => {}
            None => out.push_str(eol),
            Some(text) => {
                let text = match text.strip_prefix('\t') {
                    Some(rest) if paste.tab_as_spaces > 0 => {
                        format!("{}{rest}", " ".repeat(paste.tab_as_spaces))
                    }
                    _ => text,
                };
                out.push_str(&" ".repeat(paste.indent));
                out.push_str(&text);
                out.push_str(eol);
            }
        }
    }
    out
}

fn label_only(label: &str, to: usize, shape: &Shape) -> String {
    if shape.pad_label_only {
        pad(label, to)
    } else {
        label.to_string()
    }
}

fn transport_lines(transports: &[Transport]) -> impl Iterator<Item = Option<String>> + '_ {
    // "\t%s (%s)\r\n" (docs/windows.md#net-config-layout)
    transports
        .iter()
        .map(|t| Some(format!("\t{} ({})", t.name, t.address)))
}

/// `net config server` as docs/windows.md#net-config-layout lays it out.
fn render_server(s: &Server, lang: &Language, shape: &Shape) -> String {
    let l = &lang.server;
    let w = lang.server_pad;
    let value = |i: usize, v: &str| Some(format!("{}{v}", pad(&l[i], w)));
    let mut lines = vec![
        value(0, &format!("\\\\{}", s.name)),
        if s.comment.is_empty() {
            Some(label_only(&l[1], w, shape))
        } else {
            value(1, &s.comment)
        },
        None,
        value(2, &s.version),
        Some(label_only(&l[3], w, shape)),
    ];
    lines.extend(transport_lines(&s.transports));
    // The blank line ending the transport list, then an explicit PrintNL: two in a row.
    lines.extend([None, None]);
    lines.push(value(4, if s.hidden { &lang.yes } else { &lang.no }));
    lines.push(value(
        5,
        &match s.max_users {
            UserLimit::Count(n) => n.to_string(),
            UserLimit::Unlimited => lang.unlimited.clone(),
        },
    ));
    lines.push(value(6, &s.max_files.to_string()));
    lines.push(None);
    lines.push(value(7, &s.idle.to_string()));
    finish("net config server", lines, lang, shape)
}

/// `net config workstation` as docs/windows.md#net-config-layout lays it out.
fn render_workstation(ws: &Workstation, lang: &Language, shape: &Shape) -> String {
    let l = &lang.workstation;
    let w = lang.workstation_pad;
    let value = |i: usize, v: &str| Some(format!("{}{v}", pad(&l[i], w)));
    let mut lines = vec![value(0, &format!("\\\\{}", ws.computer))];
    if let Some(full) = &ws.full_name {
        lines.push(value(1, full));
    }
    lines.push(value(2, &ws.user));
    lines.push(None);
    lines.push(Some(label_only(&l[3], w, shape)));
    lines.extend(transport_lines(&ws.transports));
    lines.push(None);
    lines.push(value(4, &ws.version));
    lines.push(None);
    lines.push(value(5, &ws.domain));
    if let Some(dns) = &ws.dns_domain {
        lines.push(value(6, dns));
    }
    lines.push(value(7, &ws.logon_domain));
    lines.push(None);
    lines.push(value(8, &ws.com_open.to_string()));
    lines.push(value(9, &ws.com_count.to_string()));
    lines.push(value(10, &ws.com_timeout.to_string()));
    finish("net config workstation", lines, lang, shape)
}

/// What lanman must make of a rendered server output. In a language without a table the words
/// for Yes/No and Unlimited cannot be interpreted: they are `Unreadable` (with a warning), and
/// `lanman get` turns that into exit 7. That is the documented behaviour, not a guess.
fn expected_server(s: &Server, lang: &Language) -> (NetConfig, usize) {
    let known = lang.name.is_some();
    let mut warnings = 0;
    let hidden = if known {
        Reading::Value(Value::Flag(s.hidden))
    } else {
        warnings += 1;
        Reading::Unreadable(if s.hidden { &lang.yes } else { &lang.no }.clone())
    };
    let max_users = match s.max_users {
        UserLimit::Unlimited if !known => {
            warnings += 1;
            Reading::Unreadable(lang.unlimited.clone())
        }
        limit => Reading::Value(Value::Users(limit)),
    };
    let text = |t: &String| Reading::Value(Value::Text(t.clone()));
    let config = NetConfig::from_fields(
        Kind::Server,
        vec![
            ("server_name", text(&s.name)),
            ("server_comment", text(&s.comment)),
            ("software_version", text(&s.version)),
            (
                "transports",
                Reading::Value(Value::Transports(s.transports.clone())),
            ),
            ("hidden", hidden),
            ("max_logged_on_users", max_users),
            (
                "max_open_files_per_session",
                Reading::Value(Value::Number(s.max_files)),
            ),
            (
                "idle_session_minutes",
                Reading::Value(Value::Minutes(s.idle)),
            ),
        ],
    );
    (config, warnings)
}

fn expected_workstation(ws: &Workstation) -> NetConfig {
    let text = |t: &String| Reading::Value(Value::Text(t.clone()));
    let optional = |v: &Option<String>| v.as_ref().map_or(Reading::Absent, text);
    let number = |n: u64| Reading::Value(Value::Number(n));
    NetConfig::from_fields(
        Kind::Workstation,
        vec![
            ("computer_name", text(&ws.computer)),
            ("full_computer_name", optional(&ws.full_name)),
            ("user_name", text(&ws.user)),
            (
                "transports",
                Reading::Value(Value::Transports(ws.transports.clone())),
            ),
            ("software_version", text(&ws.version)),
            ("workstation_domain", text(&ws.domain)),
            ("workstation_domain_dns_name", optional(&ws.dns_domain)),
            ("logon_domain", text(&ws.logon_domain)),
            ("com_open_timeout_sec", number(ws.com_open)),
            ("com_send_count_bytes", number(ws.com_count)),
            ("com_send_timeout_msec", number(ws.com_timeout)),
        ],
    )
}

/// The reading of a field by its JSON name.
fn field(config: &NetConfig, name: &str) -> Reading<Value> {
    config.by_name(name).cloned().expect("a field of the table")
}

fn text_value(text: &str) -> Reading<Value> {
    Reading::Value(Value::Text(text.to_string()))
}

proptest! {
    #![proptest_config(cases(300))]

    #[test]
    fn server_output_round_trips(s in server(), lang in language(), shape in shape()) {
        let text = render_server(&s, &lang, &shape);
        let parsed = parse_server(&text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let (expected, warnings) = expected_server(&s, &lang);
        prop_assert_eq!(&parsed.config, &expected, "\n{}", text);
        prop_assert_eq!(parsed.language, lang.name);
        prop_assert!(parsed.config.missing().is_empty(), "missing {:?}\n{}", parsed.config.missing(), text);
        prop_assert_eq!(parsed.warnings.len(), warnings, "{:?}\n{}", parsed.warnings, text);
        // The same bytes as net pipes them in its OEM code page, or PowerShell saves them.
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let decoded = decode::decode(&utf16, Encoding::Auto, 437).text;
        prop_assert_eq!(parse_server(&decoded).map(|p| p.config), Ok(expected));
        // And it is not workstation output.
        prop_assert!(parse_workstation(&text).is_err() || lang.name.is_none());
    }

    #[test]
    fn workstation_output_round_trips(ws in workstation(), lang in language(), shape in shape()) {
        let text = render_workstation(&ws, &lang, &shape);
        let parsed = parse_workstation(&text)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let expected = expected_workstation(&ws);
        prop_assert_eq!(&parsed.config, &expected, "\n{}", text);
        prop_assert_eq!(parsed.language, lang.name);
        prop_assert!(parsed.config.missing().is_empty(), "missing {:?}\n{}", parsed.config.missing(), text);
        prop_assert!(parsed.warnings.is_empty(), "{:?}\n{}", parsed.warnings, text);
        prop_assert!(parse_server(&text).is_err() || lang.name.is_none());
    }
}

/// Damage beyond what a paste does: a capture cut short, a line lost, lines out of order or
/// doubled, runs of spaces collapsed (a web page). net.exe itself never prints these.
#[derive(Clone, Debug)]
enum Damage {
    Truncate(usize),
    DeleteLine(usize),
    SwapLines(usize),
    DuplicateLine(usize),
    CollapseSpaces,
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        any::<usize>().prop_map(Damage::Truncate),
        any::<usize>().prop_map(Damage::DeleteLine),
        any::<usize>().prop_map(Damage::SwapLines),
        any::<usize>().prop_map(Damage::DuplicateLine),
        Just(Damage::CollapseSpaces),
    ]
}

/// Apply `damage` to the lines after the `\\NAME` line (every reading starts from it).
fn damaged(text: &str, damage: &Damage) -> String {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    let n = lines.len();
    let base = lines.iter().position(|l| l.contains("\\\\")).unwrap();
    let pick = |k: usize, room: usize| base + 1 + k % (n - base - room).max(1);
    match *damage {
        Damage::Truncate(k) => lines.truncate(pick(k, 1)),
        Damage::DeleteLine(k) => {
            lines.remove(pick(k, 1).min(n - 1));
        }
        Damage::SwapLines(k) => {
            let a = pick(k, 2).min(n - 2);
            lines.swap(a, a + 1);
        }
        Damage::DuplicateLine(k) => {
            let a = pick(k, 1).min(n - 1);
            lines.insert(a, lines[a].clone());
        }
        Damage::CollapseSpaces => {
            for line in &mut lines {
                let eol = &line[line.trim_end_matches(['\r', '\n']).len()..];
                *line = format!("{}{eol}", collapse(line.trim_end_matches(['\r', '\n'])));
            }
        }
    }
    lines.concat()
}

fn collapse(text: &str) -> String {
    text.split([' ', '\t'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every field lanman returns as a value is the true value (after `collapse`, when the spaces
/// were collapsed). Fields named in `except` are not compared.
fn no_wrong_value<T: serde::Serialize>(
    parsed: &T,
    truth: &T,
    collapsed: bool,
    except: &[&str],
) -> Result<(), TestCaseError> {
    let parsed = serde_json::to_value(parsed).unwrap();
    let truth = serde_json::to_value(truth).unwrap();
    for (field, value) in parsed.as_object().unwrap() {
        // A Reading that is not a value (Missing, Absent, Unreadable) serializes as null.
        if value.is_null() || except.contains(&field.as_str()) {
            continue;
        }
        let want = match truth[field].as_str() {
            Some(text) if collapsed => serde_json::Value::String(collapse(text)),
            _ => truth[field].clone(),
        };
        prop_assert_eq!(value, &want, "field {}", field);
    }
    Ok(())
}

proptest! {
    #![proptest_config(cases(300))]

    /// With a label table every line is named by its label, so no damage can move a value to
    /// another field. Transports excepted (damage may cut the list short; lanman then warns):
    /// see `finding_lost_active_on_line_loses_a_transport`
    /// and `finding_truncated_transport_list_reads_as_complete`.
    #[test]
    fn label_tables_never_misname_a_line(
        s in server(),
        ws in workstation(),
        lang in prop_oneof![Just(english()), Just(chinese())],
        shape in shape(),
        damage in damage(),
    ) {
        let collapsed = matches!(damage, Damage::CollapseSpaces);
        let text = damaged(&render_server(&s, &lang, &shape), &damage);
        if let Ok(parsed) = parse_server(&text) {
            let check = no_wrong_value(&parsed.config, &expected_server(&s, &lang).0, collapsed, &["transports"]);
            check.map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        }
        let text = damaged(&render_workstation(&ws, &lang, &shape), &damage);
        if let Ok(parsed) = parse_workstation(&text) {
            let check = no_wrong_value(&parsed.config, &expected_workstation(&ws), collapsed, &["transports"]);
            check.map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        }
    }

    /// A capture cut short (a console buffer, a truncated paste) loses fields, never values:
    /// each field is its true value or reported missing, in any language.
    #[test]
    fn truncated_captures_lose_fields_not_values(
        s in server(),
        ws in workstation(),
        lang in language(),
        shape in shape(),
        cut in any::<usize>(),
    ) {
        // A refusal is not a wrong value (but see
        // `finding_truncated_unknown_language_workstation_is_called_server_output`).
        let text = damaged(&render_server(&s, &lang, &shape), &Damage::Truncate(cut));
        if let Ok(parsed) = parse_server(&text) {
            let check = no_wrong_value(&parsed.config, &expected_server(&s, &lang).0, false, &["transports"]);
            check.map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        } else {
            prop_assert!(lang.name.is_none(), "a label table reads any cut\n{}", text);
        }
        let text = damaged(&render_workstation(&ws, &lang, &shape), &Damage::Truncate(cut));
        if let Ok(parsed) = parse_workstation(&text) {
            let check = no_wrong_value(&parsed.config, &expected_workstation(&ws), false, &["transports"]);
            check.map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        } else {
            prop_assert!(lang.name.is_none(), "a label table reads any cut\n{}", text);
        }
    }

    /// Collapsed spaces (a web page) in a language without a table: the label cannot be told
    /// from the value, and lanman says so (Unreadable, with a warning) instead of guessing;
    /// only the `\\NAME` and trailing numbers where a number goes are still values (see
    /// `finding_collapsed_unknown_language_splits_text_at_a_trailing_number`).
    #[test]
    fn collapsed_unknown_language_reports_instead_of_guessing(
        s in server(),
        ws in workstation(),
        lang in invented_language(),
        shape in shape(),
    ) {
        let text = damaged(&render_server(&s, &lang, &shape), &Damage::CollapseSpaces);
        if let Ok(parsed) = parse_server(&text) {
            let check = no_wrong_value(&parsed.config, &expected_server(&s, &lang).0, true, &[]);
            check.map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            prop_assert!(!matches!(field(&parsed.config, "software_version"), Reading::Value(_)));
            prop_assert!(!parsed.warnings.is_empty());
        }
        let text = damaged(&render_workstation(&ws, &lang, &shape), &Damage::CollapseSpaces);
        if let Ok(parsed) = parse_workstation(&text) {
            let check = no_wrong_value(&parsed.config, &expected_workstation(&ws), true, &[]);
            check.map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            prop_assert!(!matches!(field(&parsed.config, "software_version"), Reading::Value(_)));
        }
    }

    /// Shape that does not round-trip: white space at either end of a value. net.exe pads
    /// labels with spaces, so a leading space is part of the padding and a trailing one cannot
    /// be told from the end of the line; lanman returns the value trimmed, in every language.
    /// (`lanman set srvcomment` refuses such a comment for this reason.)
    #[test]
    fn values_come_back_trimmed(
        mut ws in workstation(),
        mut s in server(),
        lang in language(),
        shape in shape(),
        pad in select(vec![(" ", ""), ("", " "), ("  ", "  ")]),
    ) {
        let user = ws.user.clone();
        ws.user = format!("{}{user}{}", pad.0, pad.1);
        let parsed = parse_workstation(&render_workstation(&ws, &lang, &shape)).unwrap();
        prop_assert_eq!(field(&parsed.config, "user_name"), text_value(&user));
        let version = s.version.clone();
        s.version = format!("{}{version}{}", pad.0, pad.1);
        let parsed = parse_server(&render_server(&s, &lang, &shape)).unwrap();
        prop_assert_eq!(field(&parsed.config, "software_version"), text_value(&version));
    }
}

// Findings: shapes where lanman once returned a wrong value without a warning, found by the
// properties above. Each is a minimal, deterministic example, kept as a regression test.

/// The English server output of fixtures/wire/server-en-win10-pro.net-exact.cp437.txt, cut
/// after the first of its two transports (a truncated capture).
#[test]
fn finding_truncated_transport_list_reads_as_complete() {
    let text = "Server Name                           \\\\DESKTOP-8GB0J2A\r\n\
                Server Comment                       \r\n\
                \r\n\
                Software version                      Windows 10 Pro\r\n\
                Server is active on                  \r\n\
                \tNetbiosSmb (DESKTOP-8GB0J2A)\r\n";
    let parsed = parse_server(text).unwrap();
    assert!(
        parsed.config.missing().contains(&"hidden"),
        "the capture is truncated"
    );
    // Once: transports = Value([NetbiosSmb]), no warning. Nothing said the list may go on.
    assert!(
        !matches!(field(&parsed.config, "transports"), Reading::Value(_))
            || !parsed.warnings.is_empty(),
        "{:?}",
        field(&parsed.config, "transports")
    );
}

#[test]
fn finding_lost_active_on_line_loses_a_transport() {
    let text = "Computer name                        \\\\WIN10-DEV\r\n\
                User name                            Andrew Blyth\r\n\
                \r\n\
                \tNetbiosSmb (000000000000)\r\n\
                \tNetBT_Tcpip_{FBBE6C05-C5CD-48F6-A739-2375485F5268} (000C294A5DC3)\r\n\
                \r\n\
                Software version                     Windows 10 Pro\r\n";
    let parsed = parse_workstation(text).unwrap();
    // Once: transports = [NetBT_Tcpip_…] only, no warning.
    let transports = field(&parsed.config, "transports");
    let complete = matches!(&transports, Reading::Value(Value::Transports(t)) if t.len() == 2);
    assert!(
        complete || !parsed.warnings.is_empty(),
        "{:?} {:?}",
        transports,
        parsed.warnings
    );
}

/// tests/data/synthetic-server-de-collapsed.cp850.txt's layout with Windows XP's software
/// version: a web-page paste of a display language lanman has no table for.
#[test]
fn finding_collapsed_unknown_language_splits_text_at_a_trailing_number() {
    let text = "Servername \\\\FS01\n\
                Servertitel Buero 2\n\
                Softwareversion Windows 2002\n\
                Server ist aktiv auf\n\
                Server versteckt Nein\n\
                Maximale Anzahl angemeldeter Benutzer 10\n\
                Maximale Anzahl geoeffneter Dateien pro Sitzung 16384\n\
                Leerlaufzeit (min) 15\n";
    let parsed = parse_server(text).unwrap();
    assert_eq!(parsed.config.idle_session_minutes(), Reading::Value(15));
    // Once: software_version = Value("2002"), server_comment = Value("2"), no warning.
    let c = &parsed.config;
    let wrong = |r: Reading<Value>, truth: &str| matches!(r, Reading::Value(v) if v != Value::Text(truth.to_string()));
    assert!(
        !wrong(field(c, "software_version"), "Windows 2002"),
        "{c:?} {:?}",
        parsed.warnings
    );
    assert!(
        !wrong(field(c, "server_comment"), "Buero 2"),
        "{c:?} {:?}",
        parsed.warnings
    );
}

/// A display language lanman has no table for, with the `Logon domain` line lost.
#[test]
fn finding_lost_line_in_unknown_language_shifts_values() {
    let text = "Arbeitsstationsname           \\\\PC01\r\n\
                Vollstaendiger Name            pc01.corp.example\r\n\
                Benutzername                   anna\r\n\
                \r\n\
                Arbeitsstation aktiv auf\r\n\
                \tNetbiosSmb (000000000000)\r\n\
                \r\n\
                Softwareversion                Windows 10 Pro\r\n\
                \r\n\
                Arbeitsstationsdomaene         CORP\r\n\
                DNS-Name der Domaene           corp.example\r\n\
                \r\n\
                COM-Oeffnungstimeout (s)       0\r\n\
                COM-Sendeanzahl (Byte)         16\r\n\
                COM-Sendetimeout (ms)          250\r\n";
    let parsed = parse_workstation(text).unwrap();
    let c = &parsed.config;
    // The lost line's field must not be filled with another line's value.
    let message = format!("{c:?} {:?}", parsed.warnings);
    assert_ne!(
        field(c, "logon_domain"),
        text_value("corp.example"),
        "{message}"
    );
    assert_ne!(
        field(c, "workstation_domain_dns_name"),
        Reading::Absent,
        "{message}"
    );
}

/// The first two lines of a workstation output in a language lanman has no table for.
#[test]
fn finding_truncated_unknown_language_workstation_is_called_server_output() {
    let text = "Arbeitsstationsname           \\\\PC01\r\nBenutzername                   anna\r\n";
    let parsed = match parse_workstation(text) {
        Err(ParseError::WrongKind { .. }) => panic!("called server output"),
        other => other.unwrap(),
    };
    let c = &parsed.config;
    assert_eq!(field(c, "computer_name"), text_value("PC01"));
    // `anna` could be the full computer name or the user name: never the wrong one.
    assert_ne!(field(c, "full_computer_name"), text_value("anna"));
    assert!(!parsed.warnings.is_empty() || field(c, "user_name") == text_value("anna"));
}

// ---------------------------------------------------------------------------------------------
// 3. Values

fn check_value(s: &str) -> Result<(), TestCaseError> {
    let auto = s.parse::<AutoDisconnect>().ok();
    prop_assert_eq!(auto, expected_autodisconnect(s), "AutoDisconnect {:?}", s);
    if let Some(a) = auto {
        prop_assert!((-1..=65535).contains(&a.minutes()));
        prop_assert_eq!(a.to_string().parse::<AutoDisconnect>().ok(), Some(a));
    }
    let keep = s.parse::<KeepConn>().ok().map(KeepConn::seconds);
    prop_assert_eq!(keep, expected_keepconn(s), "KeepConn {:?}", s);
    prop_assert!(keep.is_none_or(|k| k >= 1));
    Ok(())
}

/// Near misses of the duration grammar, built from parts.
fn near_miss() -> impl Strategy<Value = String> {
    let prefix = select(vec![
        "", "", "", "+", "-", " ", "0", "00", "0x", "0X", "\u{FEFF}", "\u{00A0}", "\t", "=",
    ]);
    let number = prop_oneof![
        4 => select(vec![
            "0", "1", "15", "59", "60", "61", "90", "120", "600", "1092", "1093", "3600",
            "65535", "65536", "65537", "3932100", "3932160", "18446744073709551615",
            "18446744073709551616", "99999999999999999999999", "340282366920938463463374607431768211456",
        ]).prop_map(str::to_string),
        2 => (0..200_000u64).prop_map(|n| n.to_string()),
        1 => select(vec![
            "１５", "١٥", "۱۵", "१५", "²", "½", "Ⅻ", "𝟙𝟝", "1\u{0301}5", "1_000", "1,000", "1.5",
            "1e3", "1E3", "1e", "e3", "0x10", "0xF", "0b1", "0o7", "inf", "NaN",
        ]).prop_map(str::to_string),
    ];
    let unit = select(vec![
        "", "", "", "h", "m", "s", "H", "M", "S", "min", "mins", "sec", "hr", "ms", "d", "mm",
        " m", "hh", "\u{0}", "ｍ",
    ]);
    let second = prop_oneof![
        3 => Just(String::new()),
        1 => (select(vec!["0", "5", "30", "05", "60", "99999"]), select(vec!["h", "m", "s", "", "min"]))
            .prop_map(|(n, u)| format!("{n}{u}")),
    ];
    let suffix = select(vec![
        "", "", "", " ", "\n", "\r\n", "\u{0}", ".", ".5", "e3", "x", "-",
    ]);
    (prefix, number, unit, second, suffix)
        .prop_map(|(p, n, u, s2, sfx)| format!("{p}{n}{u}{s2}{sfx}"))
}

/// Well-formed durations, so the accepting path is exercised as much as the refusing one.
fn duration() -> impl Strategy<Value = String> {
    (
        prop::option::of(0..50u32),
        prop::option::of(0..1200u32),
        prop::option::of(0..70_000u32),
        prop::option::of(0..4_000_000u32),
        any::<bool>(),
    )
        .prop_map(|(d, h, m, s, bare)| {
            let mut out = String::new();
            if bare {
                return m.or(s).unwrap_or(0).to_string();
            }
            for (n, unit) in [(d, 'd'), (h, 'h'), (m, 'm'), (s, 's')] {
                if let Some(n) = n {
                    out.push_str(&format!("{n}{unit}"));
                }
            }
            if out.is_empty() {
                "0s".to_string()
            } else {
                out
            }
        })
}

proptest! {
    #![proptest_config(cases(2000))]

    #[test]
    fn near_misses_are_refused_and_accepted_values_are_in_range(s in near_miss()) {
        check_value(&s)?;
    }

    #[test]
    fn durations_are_read_exactly(s in duration()) {
        check_value(&s)?;
    }

    #[test]
    fn any_string_is_in_range_if_accepted(s in "\\PC{0,12}|[-+0-9dhms xe]{0,12}") {
        check_value(&s)?;
    }

    #[test]
    fn decimal_numbers_are_checked_against_the_ranges(n in prop_oneof![0..70_000u64, any::<u64>()]) {
        let s = n.to_string();
        let minutes = s.parse::<AutoDisconnect>().ok();
        prop_assert_eq!(minutes, u16::try_from(n).ok().map(AutoDisconnect::Minutes));
        let seconds = s.parse::<KeepConn>().ok().map(KeepConn::seconds);
        prop_assert_eq!(seconds, u16::try_from(n).ok().filter(|&k| k >= 1));
        // A negative number is never minutes; only -1 exactly means off.
        let negative = format!("-{n}");
        prop_assert_eq!(negative.parse::<AutoDisconnect>().ok(), (n == 1).then_some(AutoDisconnect::Off));
        prop_assert!(negative.parse::<KeepConn>().is_err());
    }

    /// A comment is accepted exactly when `net config server /srvcomment:"…"` can take it and
    /// show it back: 1..=48 characters, no `"`, no control characters, no white space at
    /// either end (docs/windows.md#autodisconnect, #srvcomment).
    #[test]
    fn comments_follow_the_documented_rule(
        s in prop_oneof![
            "\\PC{0,60}",
            "[a-z \"\\t\\r\\n\\x00\\x1b\\u{7f}\\u{85}\\u{a0}\\u{2028}\\u{3000}]{0,52}",
            "[a-zü计]{46,50}",
        ]
    ) {
        let documented = documented_comment(&s);
        prop_assert_eq!(ServerComment::MAX_CHARS, 48);
        let parsed = s.parse::<ServerComment>();
        prop_assert_eq!(parsed.is_ok(), documented, "{:?}", s);
        if let Ok(c) = parsed {
            prop_assert_eq!(c.as_str(), s.as_str());
        }
    }

    #[test]
    fn hidden_is_yes_or_no(s in "(?i:yes|no|y|n|true|false|ja|是)|\\PC{0,5}|( yes|no |YES\\n)") {
        prop_assert_eq!(s.parse::<Hidden>().ok(), expected_hidden(&s));
    }

    /// A host ends up on reg.exe's command line (`\\HOST\HKLM\…`): an accepted one has nothing
    /// that could end the argument, start a switch or reach another path.
    #[test]
    fn hosts_cannot_break_the_command_line(
        s in "(\\\\\\\\)?[-A-Za-z0-9._ /\\\\\"':*?<>|&^%\\t]{0,20}|\\PC{0,20}"
    ) {
        if let Ok(host) = s.parse::<Host>() {
            let name = host.name();
            prop_assert!(!name.is_empty() && name.len() <= 253);
            prop_assert!(
                name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')),
                "{:?}", name
            );
            prop_assert!(!name.starts_with(['-', '/', '.']));
            prop_assert_eq!(host.to_string().parse::<Host>().ok(), Some(host.clone()));
        }
    }

    #[test]
    fn setting_names_and_encodings_never_panic(s in "\\PC{0,30}|(workstation|server|x)?\\.?[a-z_-]{0,30}|(cp|ibm|windows-?)?[0-9+ ]{0,6}") {
        let _ = s.parse::<SettingName>();
        if let Ok(encoding) = s.parse::<Encoding>() {
            prop_assert_eq!(encoding.to_string().parse::<Encoding>(), Ok(encoding));
        }
    }
}
