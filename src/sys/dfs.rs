//! The DFS client's active target for a namespace path: `NetDfsGetClientInfo` at level 3, the
//! target whose `DFS_STORAGE_STATE_ACTIVE` flag is set (docs/windows.md#dfs).
//!
//! The function is looked up in netapi32.dll when it is needed, not imported: Wine's netapi32
//! does not export it, and an import that cannot be resolved would stop lanman.exe from
//! starting at all there. Loading from the system directory only
//! (`LOAD_LIBRARY_SEARCH_SYSTEM32`) keeps a netapi32.dll planted next to lanman from being
//! used.

use std::ffi::c_void;

use windows_sys::Win32::Foundation::{FreeLibrary, HMODULE};
use windows_sys::Win32::Storage::DistributedFileSystem::{
    DFS_INFO_3, DFS_STORAGE_INFO, DFS_STORAGE_STATE_ACTIVE,
};
use windows_sys::Win32::System::LibraryLoader::{
    GetProcAddress, LOAD_LIBRARY_SEARCH_SYSTEM32, LoadLibraryExW,
};

/// Why the DFS client could not say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DfsError {
    /// This Windows (or Wine) has no `NetDfsGetClientInfo`.
    Unavailable,
    /// The function failed with this system error number (the path is not in the DFS
    /// client's cache, say).
    Code(u32),
}

type GetClientInfo =
    unsafe extern "system" fn(*const u16, *const u16, *const u16, u32, *mut *mut u8) -> u32;
type BufferFree = unsafe extern "system" fn(*const c_void) -> u32;

/// netapi32.dll, freed when dropped.
struct Library(HMODULE);

impl Drop for Library {
    fn drop(&mut self) {
        // SAFETY: the handle came from LoadLibraryExW and is freed once, here, after the
        // last call into the library has returned.
        unsafe {
            FreeLibrary(self.0);
        }
    }
}

/// The active target of `path` (`\\domain\namespace\link`) as (server, share), `None` when
/// the client knows the path but no target is marked active.
pub(crate) fn active_target(path: &str) -> Result<Option<(String, String)>, DfsError> {
    let name: Vec<u16> = "netapi32.dll".encode_utf16().chain([0]).collect();
    // SAFETY: `name` is a NUL-terminated UTF-16 string that outlives the call.
    let module = unsafe {
        LoadLibraryExW(
            name.as_ptr(),
            std::ptr::null_mut(),
            LOAD_LIBRARY_SEARCH_SYSTEM32,
        )
    };
    if module.is_null() {
        return Err(DfsError::Unavailable);
    }
    let library = Library(module);
    // SAFETY: `library.0` is a loaded module; the names are NUL-terminated ASCII. Each address
    // is transmuted to the signature lmdfs.h / lmapibuf.h declare for that name.
    let (get_info, free) = unsafe {
        let get_info = GetProcAddress(library.0, c"NetDfsGetClientInfo".as_ptr().cast());
        let free = GetProcAddress(library.0, c"NetApiBufferFree".as_ptr().cast());
        match (get_info, free) {
            (Some(get_info), Some(free)) => (
                std::mem::transmute::<unsafe extern "system" fn() -> isize, GetClientInfo>(
                    get_info,
                ),
                std::mem::transmute::<unsafe extern "system" fn() -> isize, BufferFree>(free),
            ),
            _ => return Err(DfsError::Unavailable),
        }
    };
    let path: Vec<u16> = path.encode_utf16().chain([0]).collect();
    let mut buffer: *mut u8 = std::ptr::null_mut();
    // SAFETY: `path` is NUL-terminated and outlives the call; the optional server and share
    // are null; `buffer` is a valid out-pointer that receives a buffer the system allocates.
    let status = unsafe {
        get_info(
            path.as_ptr(),
            std::ptr::null(),
            std::ptr::null(),
            3,
            &mut buffer,
        )
    };
    if status != 0 {
        return Err(DfsError::Code(status));
    }
    if buffer.is_null() {
        return Ok(None);
    }
    // SAFETY: on success at level 3 `buffer` points to one DFS_INFO_3 whose `Storage` array
    // holds `NumberOfStorages` entries, all inside the buffer, which stays valid until it is
    // freed below.
    let target = unsafe {
        let info = &*(buffer as *const DFS_INFO_3);
        let storages: &[DFS_STORAGE_INFO] = if info.Storage.is_null() {
            &[]
        } else {
            std::slice::from_raw_parts(info.Storage, info.NumberOfStorages as usize)
        };
        storages
            .iter()
            .find(|s| s.State & DFS_STORAGE_STATE_ACTIVE != 0)
            .map(|s| (wide_string(s.ServerName), wide_string(s.ShareName)))
    };
    // SAFETY: `buffer` was allocated by NetDfsGetClientInfo and is freed once; nothing read
    // from it is used after this.
    unsafe {
        free(buffer.cast());
    }
    Ok(target)
}

/// A NUL-terminated UTF-16 string the system wrote; empty for a null pointer.
///
/// # Safety
/// `text` is null or points to a NUL-terminated UTF-16 string.
unsafe fn wide_string(text: *const u16) -> String {
    if text.is_null() {
        return String::new();
    }
    let mut len = 0;
    // SAFETY: the caller promises a NUL-terminated string, so every unit up to the NUL is
    // readable.
    unsafe {
        while *text.add(len) != 0 {
            len += 1;
        }
        String::from_utf16_lossy(std::slice::from_raw_parts(text, len))
    }
}
