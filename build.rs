//! Build script: a Windows version resource (VERSIONINFO) for lanman.exe, so Explorer's
//! Properties > Details, Task Manager and inventory tools show what the file is and its version.
//!
//! It acts only when the target is Windows. With the GNU target it runs MinGW's `windres`
//! (`x86_64-w64-mingw32-windres` when cross-compiling from Linux; `WINDRES` overrides), with the
//! MSVC target the Windows SDK's `rc.exe`. On every other target it does nothing and needs
//! nothing.

use std::env;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // winresource reads these to find the resource compiler and the archiver.
    for var in ["WINDRES", "AR", "CROSS_COMPILE"] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }

    let version = env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let mut res = winresource::WindowsResource::new();
    res.set_language(0x0409) // English (United States), the block most tools read first
        .set("ProductName", "lanman")
        .set("FileDescription", "lanman - SMB idle-disconnect settings")
        .set("FileVersion", &version)
        .set("ProductVersion", &version)
        .set("CompanyName", "The lanman developers")
        .set("LegalCopyright", "Copyright (c) The lanman developers")
        .set("OriginalFilename", "lanman.exe")
        .set("InternalName", "lanman");
    // Only lanman.exe gets the resource: the test programs (fake-net, fake-reg) are not shipped.
    if let Err(error) = res.compile_for("lanman") {
        let target = env::var("TARGET").unwrap_or_default();
        panic!(
            "could not compile the Windows version resource for {target}: {error}\n\
             (GNU targets need MinGW's windres and ar: on Debian `apt-get install \
             gcc-mingw-w64-x86-64`, or set WINDRES and AR; MSVC targets need the Windows SDK's \
             rc.exe)"
        );
    }
}
