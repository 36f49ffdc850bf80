//! Label texts lanman knows, per display language, as data.
//!
//! These are a shortcut, not a requirement: any other language is read by structure
//! (`layout.rs`). A label here only has to identify its line; the value is whatever follows.

use super::model::Field;

/// The labels and value words of one display language.
#[derive(Debug)]
pub(crate) struct Language {
    pub(crate) name: &'static str,
    pub(crate) server: &'static [(Field, &'static str)],
    pub(crate) workstation: &'static [(Field, &'static str)],
    /// `The command completed successfully.` (3500)
    pub(crate) success: &'static [&'static str],
    /// Yes / No (4300 / 4301)
    pub(crate) yes: &'static [&'static str],
    pub(crate) no: &'static [&'static str],
    /// Unlimited (4306), printed for Maximum Logged On Users = 0xFFFFFFFF.
    pub(crate) unlimited: &'static [&'static str],
}

/// English (en-US): seen in every en-US capture (docs/windows.md#labels).
const EN: Language = Language {
    name: "en",
    server: &[
        (Field::ServerName, "Server Name"),
        (Field::ServerComment, "Server Comment"),
        (Field::SoftwareVersion, "Software version"),
        (Field::ActiveOn, "Server is active on"),
        (Field::Hidden, "Server hidden"),
        (Field::MaxLoggedOnUsers, "Maximum Logged On Users"),
        (Field::MaxOpenFiles, "Maximum open files per session"),
        (Field::IdleSessionTime, "Idle session time (min)"),
    ],
    workstation: &[
        (Field::ComputerName, "Computer name"),
        (Field::FullComputerName, "Full Computer name"),
        (Field::UserName, "User name"),
        (Field::ActiveOn, "Workstation active on"),
        // NT 4.0 printed a colon and the transport on the same line
        // (fragment-workstation-active-on-en-nt4-kb.txt).
        (Field::ActiveOn, "Workstation active on:"),
        (Field::SoftwareVersion, "Software version"),
        (Field::WorkstationDomain, "Workstation domain"),
        (Field::WorkstationDomainDns, "Workstation Domain DNS Name"),
        (Field::LogonDomain, "Logon domain"),
        (Field::ComOpenTimeout, "COM Open Timeout (sec)"),
        (Field::ComSendCount, "COM Send Count (byte)"),
        (Field::ComSendTimeout, "COM Send Timeout (msec)"),
    ],
    success: &["The command completed successfully."],
    yes: &["Yes"],
    no: &["No"],
    unlimited: &["Unlimited"],
};

/// Simplified Chinese (zh-CN). Workstation labels and the success line are recorded (Windows
/// 7/10/2008 R2). Server labels come from an older (2000/XP-era) message table dump and are
/// likely but not verified for current Windows (docs/windows.md#labels): a line whose label differs is
/// still read by its position. 是/否 and 无限制 are the words that table uses for yes/no and
/// "unlimited" in other messages; they are not recorded for `net config server`.
const ZH_CN: Language = Language {
    name: "zh-CN",
    server: &[
        (Field::ServerName, "服务器名称"),
        (Field::ServerComment, "服务器注释"),
        (Field::SoftwareVersion, "软件版本"),
        (Field::ActiveOn, "服务器正运行于"),
        (Field::Hidden, "服务器已隐藏"),
        (Field::MaxLoggedOnUsers, "登录的用户数量上限"),
        (Field::MaxOpenFiles, "每个会话打开的文件数量上限"),
        (Field::IdleSessionTime, "空闲的会话时间 (分)"),
    ],
    workstation: &[
        (Field::ComputerName, "计算机名"),
        (Field::FullComputerName, "计算机全名"),
        (Field::UserName, "用户名"),
        (Field::ActiveOn, "工作站正运行于"),
        // Windows 2000/XP-era text of the same message (4453).
        (Field::ActiveOn, "工作站活动在"),
        (Field::SoftwareVersion, "软件版本"),
        (Field::WorkstationDomain, "工作站域"),
        (Field::WorkstationDomainDns, "工作站域 DNS 名称"),
        (Field::LogonDomain, "登录域"),
        (Field::ComOpenTimeout, "COM 打开超时 (秒)"),
        (Field::ComSendCount, "COM 发送计数 (字节)"),
        (Field::ComSendTimeout, "COM 发送超时 (毫秒)"),
    ],
    success: &["命令成功完成。"],
    yes: &["是"],
    no: &["否"],
    unlimited: &["无限制"],
};

pub(crate) const LANGUAGES: &[Language] = &[EN, ZH_CN];
