//! The few operating-system facts lanman asks for. All FFI is here; off Windows each function
//! has a portable answer.

use std::path::PathBuf;

/// The registry functions (`RegOpenKeyExW` and friends).
#[cfg(windows)]
pub(crate) mod registry;

/// The DFS client's active target (`NetDfsGetClientInfo`).
#[cfg(windows)]
mod dfs;

/// The target the DFS client uses for a namespace path, as `\\server\share`: `Ok(None)` when
/// it knows the path but marks no target active, `Err` with the reason when it cannot say
/// (docs/windows.md#dfs).
#[cfg(windows)]
pub fn dfs_active_target(path: &str) -> Result<Option<String>, String> {
    match dfs::active_target(path) {
        Ok(target) => Ok(target.map(|(server, share)| format!("\\\\{server}\\{share}"))),
        Err(dfs::DfsError::Unavailable) => {
            Err("this Windows has no NetDfsGetClientInfo".to_string())
        }
        Err(dfs::DfsError::Code(code)) => {
            Err(format!("NetDfsGetClientInfo failed with error {code}"))
        }
    }
}

/// Off Windows there is no DFS client.
#[cfg(not(windows))]
pub fn dfs_active_target(_path: &str) -> Result<Option<String>, String> {
    Err("there is no Windows DFS client here".to_string())
}

/// The Windows system directory (`C:\Windows\System32`), from `GetSystemDirectoryW` rather
/// than `%SystemRoot%`, which is only an environment variable anyone can set.
#[cfg(windows)]
pub fn system_directory() -> Option<PathBuf> {
    use std::ffi::OsString;
    use std::os::windows::ffi::OsStringExt;
    use windows_sys::Win32::System::SystemInformation::GetSystemDirectoryW;

    let mut buffer = vec![0u16; 260];
    loop {
        let capacity = u32::try_from(buffer.len()).ok()?;
        // SAFETY: `buffer` is a valid, writable array of `capacity` u16s for the whole call.
        let written = unsafe { GetSystemDirectoryW(buffer.as_mut_ptr(), capacity) };
        let written = usize::try_from(written).ok()?;
        if written == 0 {
            return None;
        }
        if written < buffer.len() {
            buffer.truncate(written);
            return Some(PathBuf::from(OsString::from_wide(&buffer)));
        }
        // Too small: `written` is the size needed, including the terminating NUL.
        buffer.resize(written + 1, 0);
    }
}

#[cfg(not(windows))]
pub fn system_directory() -> Option<PathBuf> {
    None
}

/// The system OEM code page, in which net.exe writes to pipes (docs/windows.md#encodings).
#[cfg(windows)]
pub fn oem_code_page() -> u16 {
    // SAFETY: GetOEMCP takes no arguments and cannot fail.
    let cp = unsafe { windows_sys::Win32::Globalization::GetOEMCP() };
    u16::try_from(cp).unwrap_or(crate::decode::Encoding::DEFAULT_OEM)
}

/// Off Windows there is no system OEM code page; 437 is the US one.
#[cfg(not(windows))]
pub fn oem_code_page() -> u16 {
    crate::decode::Encoding::DEFAULT_OEM
}

/// The code page of the console lanman is attached to (`GetConsoleOutputCP`), if there is
/// one: what `for /f` and Windows PowerShell 5.1 decode a redirected program's output with
/// (docs/windows.md#console-output).
#[cfg(windows)]
pub fn console_output_code_page() -> Option<u16> {
    // SAFETY: GetConsoleOutputCP takes no arguments; it returns 0 without a console.
    let cp = unsafe { windows_sys::Win32::System::Console::GetConsoleOutputCP() };
    u16::try_from(cp).ok().filter(|&cp| cp != 0)
}

/// Off Windows there is no console code page.
#[cfg(not(windows))]
pub fn console_output_code_page() -> Option<u16> {
    None
}

/// The system ANSI code page (`GetACP`): 1252 on en/de-type systems.
#[cfg(windows)]
pub fn ansi_code_page() -> u16 {
    // SAFETY: GetACP takes no arguments and cannot fail.
    let cp = unsafe { windows_sys::Win32::Globalization::GetACP() };
    u16::try_from(cp).unwrap_or(1252)
}

/// Off Windows there is no ANSI code page; 1252 is the US one.
#[cfg(not(windows))]
pub fn ansi_code_page() -> u16 {
    1252
}

/// The bytes lanman's own text goes out in, to a stream that is not a console: the console's
/// output code page when there is a console, else the OEM code page; UTF-8 off Windows, where
/// terminals and files are UTF-8 (docs/windows.md#console-output).
pub fn default_output_charset() -> crate::encode::Charset {
    if cfg!(windows) {
        crate::encode::Charset::CodePage(console_output_code_page().unwrap_or_else(oem_code_page))
    } else {
        crate::encode::Charset::Utf8
    }
}

/// Put lanman into a job object that kills every process in it when lanman's last handle to
/// it closes, i.e. when lanman exits. Children inherit the job, so a `net1.exe` left behind by
/// a timed-out `net.exe` dies with lanman (cargo's `src/cargo/util/job.rs` does the same).
/// Failure is ignored on purpose: on old Windows a process already in a job cannot join
/// another, and the per-child deadline still applies.
#[cfg(windows)]
pub fn contain_child_processes() {
    use windows_sys::Win32::System::JobObjects::{
        AssignProcessToJobObject, CreateJobObjectW, JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE,
        JOBOBJECT_EXTENDED_LIMIT_INFORMATION, JobObjectExtendedLimitInformation,
        SetInformationJobObject,
    };
    use windows_sys::Win32::System::Threading::GetCurrentProcess;

    // SAFETY: null security attributes and a null name are documented as valid.
    let job = unsafe { CreateJobObjectW(std::ptr::null(), std::ptr::null()) };
    if job.is_null() {
        return;
    }
    // SAFETY: an all-zero JOBOBJECT_EXTENDED_LIMIT_INFORMATION is a valid "no limits" value.
    let mut info: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = unsafe { std::mem::zeroed() };
    info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
    let size = u32::try_from(std::mem::size_of_val(&info)).unwrap_or(0);
    // SAFETY: `job` is a valid job handle; `info` is the structure the information class
    // names, and `size` is its size.
    let set = unsafe {
        SetInformationJobObject(
            job,
            JobObjectExtendedLimitInformation,
            std::ptr::from_ref(&info).cast(),
            size,
        )
    };
    if set == 0 {
        return;
    }
    // SAFETY: both handles are valid; GetCurrentProcess returns a pseudo-handle that needs no
    // closing. The job handle is deliberately never closed: closing it is what kills the tree.
    unsafe {
        AssignProcessToJobObject(job, GetCurrentProcess());
    }
}

#[cfg(not(windows))]
pub fn contain_child_processes() {}

/// Let ANSI colour sequences work in a Windows console (on by default in Windows Terminal, off
/// in the classic console host). Returns whether colour can be used.
#[cfg(windows)]
pub fn enable_terminal_colors() -> bool {
    use windows_sys::Win32::System::Console::{
        ENABLE_VIRTUAL_TERMINAL_PROCESSING, GetConsoleMode, GetStdHandle, STD_ERROR_HANDLE,
        STD_OUTPUT_HANDLE, SetConsoleMode,
    };
    [STD_OUTPUT_HANDLE, STD_ERROR_HANDLE]
        .into_iter()
        .all(|which| {
            // SAFETY: GetStdHandle has no preconditions.
            let handle = unsafe { GetStdHandle(which) };
            let mut mode = 0u32;
            // SAFETY: `handle` came from GetStdHandle and `mode` is a valid out-pointer.
            if unsafe { GetConsoleMode(handle, &mut mode) } == 0 {
                return false;
            }
            // SAFETY: as above; setting a documented flag on a console handle.
            unsafe { SetConsoleMode(handle, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) != 0 }
        })
}

#[cfg(not(windows))]
pub fn enable_terminal_colors() -> bool {
    true
}

/// Whether lanman runs with an elevated (administrator) token: `Some(true)` in a prompt started
/// with Run as administrator, `Some(false)` in a filtered (UAC split) one; `None` when Windows
/// cannot say, and off Windows. An elevated and a filtered token see different mapped drives
/// (docs/windows.md#elevation).
pub fn is_elevated() -> Option<bool> {
    // The tests' build only: a README sample shows the same elevation on every lane.
    #[cfg(feature = "test-fakes")]
    if let Some(value) = std::env::var_os("LANMAN_TEST_ELEVATED") {
        return match value.to_str() {
            Some("1") => Some(true),
            Some("0") => Some(false),
            _ => None,
        };
    }
    token_is_elevated()
}

#[cfg(windows)]
fn token_is_elevated() -> Option<bool> {
    use windows_sys::Win32::Foundation::{CloseHandle, HANDLE};
    use windows_sys::Win32::Security::{
        GetTokenInformation, TOKEN_ELEVATION, TOKEN_QUERY, TokenElevation,
    };
    use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};

    let mut token: HANDLE = std::ptr::null_mut();
    // SAFETY: GetCurrentProcess returns a pseudo-handle; `token` is a valid out-pointer.
    if unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) } == 0 {
        return None;
    }
    let mut elevation = TOKEN_ELEVATION { TokenIsElevated: 0 };
    let size = u32::try_from(std::mem::size_of::<TOKEN_ELEVATION>()).ok()?;
    let mut returned = 0u32;
    // SAFETY: `token` is an open token handle with TOKEN_QUERY; `elevation` is the structure
    // the TokenElevation class names and `size` its size; `returned` is a valid out-pointer.
    let ok = unsafe {
        GetTokenInformation(
            token,
            TokenElevation,
            std::ptr::from_mut(&mut elevation).cast(),
            size,
            &mut returned,
        )
    };
    // SAFETY: `token` was opened above and is closed once.
    unsafe {
        CloseHandle(token);
    }
    (ok != 0).then_some(elevation.TokenIsElevated != 0)
}

/// Off Windows there is no token to ask.
#[cfg(not(windows))]
fn token_is_elevated() -> Option<bool> {
    None
}

/// The user's display (UI) language as a locale name (`de-DE`), which is what net.exe's messages
/// are in; `None` off Windows or when Windows cannot say.
#[cfg(windows)]
pub fn display_language() -> Option<String> {
    use windows_sys::Win32::Globalization::{GetUserDefaultUILanguage, LCIDToLocaleName};

    // SAFETY: GetUserDefaultUILanguage takes no arguments and cannot fail.
    let langid = unsafe { GetUserDefaultUILanguage() };
    let mut buffer = [0u16; 85]; // LOCALE_NAME_MAX_LENGTH
    let capacity = i32::try_from(buffer.len()).ok()?;
    // SAFETY: `buffer` is a writable array of `capacity` u16s for the whole call.
    let written = unsafe { LCIDToLocaleName(u32::from(langid), buffer.as_mut_ptr(), capacity, 0) };
    let written = usize::try_from(written).ok().filter(|&n| n > 1)?;
    Some(String::from_utf16_lossy(&buffer[..written - 1]))
}

/// Off Windows there is no display language to ask.
#[cfg(not(windows))]
pub fn display_language() -> Option<String> {
    None
}
