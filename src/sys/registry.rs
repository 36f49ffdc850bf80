//! The Win32 registry functions lanman calls, as safe functions that return the Win32 error
//! number on failure (docs/windows.md#registry-api). Which number means what to lanman is
//! decided in `machine::registry`, not here.
//!
//! Every key is opened in the 64-bit view (`KEY_WOW64_64KEY`), so a 32-bit build reads what
//! Windows itself reads; a 64-bit build is unaffected (docs/windows.md#registry-api).

use windows_sys::Win32::Foundation::{ERROR_MORE_DATA, ERROR_NO_MORE_ITEMS, ERROR_SUCCESS};
use windows_sys::Win32::System::Registry::{
    HKEY, HKEY_LOCAL_MACHINE, HKEY_USERS, KEY_QUERY_VALUE, KEY_SET_VALUE, KEY_WOW64_64KEY,
    REG_OPTION_NON_VOLATILE, RegCloseKey, RegConnectRegistryW, RegCreateKeyExW, RegDeleteValueW,
    RegEnumValueW, RegOpenKeyExW, RegQueryInfoKeyW, RegSetValueExW,
};

/// A value name is at most 16,383 characters (Learn, *Registry element size limits*).
const MAX_NAME_CHARS: usize = 16_384;
/// The largest value lanman reads: 1 MiB, the size Microsoft recommends as the upper bound for
/// a value. A larger one fails the read with ERROR_MORE_DATA rather than allocate without end.
pub(crate) const MAX_VALUE_BYTES: usize = 1 << 20;
/// Values per key lanman reads at most (the keys it reads hold a few dozen).
const MAX_VALUES: u32 = 100_000;
/// Times a value is read again when it grew between the size query and the read.
const RETRIES: usize = 4;

/// The predefined keys lanman reads under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Root {
    LocalMachine,
    Users,
}

impl Root {
    fn predefined(self) -> HKEY {
        match self {
            Root::LocalMachine => HKEY_LOCAL_MACHINE,
            Root::Users => HKEY_USERS,
        }
    }
}

/// A registry key handle. A predefined root is not closed; every other handle is closed when
/// this is dropped.
#[derive(Debug)]
pub(crate) struct Key {
    handle: HKEY,
    owned: bool,
}

impl Drop for Key {
    fn drop(&mut self) {
        if self.owned {
            // SAFETY: `handle` came from RegOpenKeyExW / RegCreateKeyExW / RegConnectRegistryW,
            // is owned by this value alone and is closed once, here.
            unsafe {
                RegCloseKey(self.handle);
            }
        }
    }
}

/// A string as the W functions take it: UTF-16, NUL-terminated, built once per call.
fn wide(text: &str) -> Vec<u16> {
    text.encode_utf16().chain([0]).collect()
}

fn check(status: u32) -> Result<(), u32> {
    if status == ERROR_SUCCESS {
        Ok(())
    } else {
        Err(status)
    }
}

/// The root key of this computer.
pub(crate) fn local(root: Root) -> Key {
    Key {
        handle: root.predefined(),
        owned: false,
    }
}

/// The root key of another computer (`RegConnectRegistryW`). It can block for as long as the
/// network takes: callers run it on a thread they can stop waiting for.
pub(crate) fn connect(host: &str, root: Root) -> Result<Key, u32> {
    let machine = wide(&format!("\\\\{host}"));
    let mut handle: HKEY = std::ptr::null_mut();
    // SAFETY: `machine` is a NUL-terminated UTF-16 string that outlives the call; the root is a
    // predefined key; `handle` is a valid out-pointer.
    check(unsafe { RegConnectRegistryW(machine.as_ptr(), root.predefined(), &mut handle) })?;
    Ok(Key {
        handle,
        owned: true,
    })
}

/// Open `path` under `parent` to read its values.
pub(crate) fn open_to_read(parent: &Key, path: &str) -> Result<Key, u32> {
    open(parent, path, KEY_QUERY_VALUE | KEY_WOW64_64KEY)
}

/// Open `path` under `parent` to change its values (`reg delete` of a value).
pub(crate) fn open_to_write(parent: &Key, path: &str) -> Result<Key, u32> {
    open(parent, path, KEY_SET_VALUE | KEY_WOW64_64KEY)
}

fn open(parent: &Key, path: &str, access: u32) -> Result<Key, u32> {
    let path = wide(path);
    let mut handle: HKEY = std::ptr::null_mut();
    // SAFETY: `parent.handle` is an open key; `path` is NUL-terminated and outlives the call;
    // `handle` is a valid out-pointer.
    check(unsafe { RegOpenKeyExW(parent.handle, path.as_ptr(), 0, access, &mut handle) })?;
    Ok(Key {
        handle,
        owned: true,
    })
}

/// Open `path` under `parent` to change its values, creating the key if it does not exist, as
/// `reg add` does.
pub(crate) fn create_to_write(parent: &Key, path: &str) -> Result<Key, u32> {
    let path = wide(path);
    let mut handle: HKEY = std::ptr::null_mut();
    // SAFETY: `parent.handle` is an open key; `path` is NUL-terminated and outlives the call; a
    // null class, null security attributes and a null disposition pointer are documented as
    // valid; `handle` is a valid out-pointer.
    check(unsafe {
        RegCreateKeyExW(
            parent.handle,
            path.as_ptr(),
            0,
            std::ptr::null(),
            REG_OPTION_NON_VOLATILE,
            KEY_SET_VALUE | KEY_WOW64_64KEY,
            std::ptr::null(),
            &mut handle,
            std::ptr::null_mut(),
        )
    })?;
    Ok(Key {
        handle,
        owned: true,
    })
}

/// One value as stored: its name (in its stored case), type number and bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RawValue {
    pub(crate) name: String,
    pub(crate) kind: u32,
    pub(crate) data: Vec<u8>,
}

/// Every value of `key`, in the registry's order. Buffers are sized by what
/// `RegQueryInfoKeyW` says, grown when a value changed in between (ERROR_MORE_DATA), and
/// bounded by [`MAX_VALUE_BYTES`].
pub(crate) fn values(key: &Key) -> Result<Vec<RawValue>, u32> {
    let mut count = 0u32;
    let mut max_name = 0u32;
    let mut max_data = 0u32;
    // SAFETY: `key.handle` is an open key; the three out-pointers are valid; every other
    // pointer is null, which the function documents as "not wanted".
    check(unsafe {
        RegQueryInfoKeyW(
            key.handle,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            &mut count,
            &mut max_name,
            &mut max_data,
            std::ptr::null_mut(),
            std::ptr::null_mut(),
        )
    })?;
    if count > MAX_VALUES || usize::try_from(max_data).unwrap_or(usize::MAX) > MAX_VALUE_BYTES {
        return Err(ERROR_MORE_DATA);
    }
    let mut name = vec![0u16; usize::try_from(max_name).unwrap_or(MAX_NAME_CHARS - 1) + 1];
    let mut data = vec![0u8; usize::try_from(max_data).unwrap_or(0).max(16)];
    let mut values = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
    for index in 0..MAX_VALUES {
        let mut attempt = 0;
        let value = loop {
            let mut name_len = u32::try_from(name.len()).unwrap_or(u32::MAX);
            let mut data_len = u32::try_from(data.len()).unwrap_or(u32::MAX);
            let mut kind = 0u32;
            // SAFETY: `name` holds `name_len` u16s and `data` holds `data_len` bytes, both
            // writable for the whole call; `kind` is a valid out-pointer; the reserved pointer
            // is null as documented.
            let status = unsafe {
                RegEnumValueW(
                    key.handle,
                    index,
                    name.as_mut_ptr(),
                    &mut name_len,
                    std::ptr::null(),
                    &mut kind,
                    data.as_mut_ptr(),
                    &mut data_len,
                )
            };
            match status {
                ERROR_SUCCESS => {
                    let name_len = usize::try_from(name_len).unwrap_or(0).min(name.len());
                    let data_len = usize::try_from(data_len).unwrap_or(0).min(data.len());
                    break Some(RawValue {
                        name: String::from_utf16_lossy(&name[..name_len]),
                        kind,
                        data: data[..data_len].to_vec(),
                    });
                }
                ERROR_NO_MORE_ITEMS => break None,
                // The value grew since RegQueryInfoKeyW: `data_len` is the size it needs now;
                // the name's need is not reported, so it gets the largest a name can be.
                ERROR_MORE_DATA if attempt < RETRIES => {
                    attempt += 1;
                    let needed = usize::try_from(data_len).unwrap_or(usize::MAX);
                    if needed > MAX_VALUE_BYTES {
                        return Err(ERROR_MORE_DATA);
                    }
                    data.resize(needed.max(data.len()), 0);
                    name.resize(MAX_NAME_CHARS, 0);
                }
                other => return Err(other),
            }
        };
        match value {
            Some(value) => values.push(value),
            None => return Ok(values),
        }
    }
    Err(ERROR_MORE_DATA)
}

/// Store a value (`RegSetValueExW`) under `name`, as given.
pub(crate) fn set_value(key: &Key, name: &str, kind: u32, data: &[u8]) -> Result<(), u32> {
    let name = wide(name);
    let len = u32::try_from(data.len()).map_err(|_| ERROR_MORE_DATA)?;
    // SAFETY: `key.handle` is open for KEY_SET_VALUE; `name` is NUL-terminated; `data` holds
    // `len` readable bytes; all outlive the call.
    check(unsafe { RegSetValueExW(key.handle, name.as_ptr(), 0, kind, data.as_ptr(), len) })
}

/// Delete the value `name` (`RegDeleteValueW`); ERROR_FILE_NOT_FOUND when it is not there.
pub(crate) fn delete_value(key: &Key, name: &str) -> Result<(), u32> {
    let name = wide(name);
    // SAFETY: `key.handle` is open for KEY_SET_VALUE; `name` is NUL-terminated and outlives
    // the call.
    check(unsafe { RegDeleteValueW(key.handle, name.as_ptr()) })
}
