//! Only on Windows: the Windows lane (Wine) and the CI's Windows runners. The real registry,
//! through both of lanman's registry paths (docs/windows.md#registry-paths): the Win32 API
//! (`LANMAN_REG` unset) and the system's reg.exe (`LANMAN_REG` set to it). Every registry test
//! runs on both and must give the same results; with the API no reg.exe process starts (a job
//! object's process count says so). Also the system's own net.exe and cmd.exe. These need a Windows
//! process model and `%SystemRoot%\System32`, which the Linux lane does not have; everything
//! else runs on both lanes. What only Wine shows (its reg.exe's quirks, its process trace,
//! error 53 for any other host) is checked only under Wine, which [`wine_loader`] detects.

use std::process::Command;

use serde_json::Value;

use crate::support::{Lanman, Outcome, SERVER_KEY, WORKSTATION_KEY};

/// lanman's two registry paths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Path {
    /// `LANMAN_REG` unset: the Win32 registry functions.
    Api,
    /// `LANMAN_REG` set to Wine's `C:\windows\system32\reg.exe`.
    RegExe,
}

const PATHS: [Path; 2] = [Path::Api, Path::RegExe];

/// lanman with the real registry through `path`, and the fake net.
fn real_registry(path: Path) -> Lanman {
    let lanman = Lanman::new().server("server-en-win10-pro.txt");
    match path {
        Path::Api => lanman.env_remove("LANMAN_REG"),
        Path::RegExe => lanman.env("LANMAN_REG", system_reg()),
    }
}

/// The registry through the API (the default on Windows).
fn real_reg() -> Lanman {
    real_registry(Path::Api)
}

fn system_reg() -> std::path::PathBuf {
    lanman::sys::system_directory()
        .expect("system directory")
        .join("reg.exe")
}

/// Run the system's reg.exe directly (not through lanman): to set up a value, or to read one
/// independently of lanman.
fn reg_exe(args: &[&str]) -> std::process::Output {
    #[allow(clippy::disallowed_methods)] // the test runs reg.exe as an administrator would
    let output = Command::new(system_reg())
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("reg.exe runs");
    output
}

/// A value as the system's reg.exe lists it.
fn listed(key: &str, name: &str) -> Option<lanman::parse::reg::RegData> {
    let output = reg_exe(&["query", key]);
    let text = String::from_utf8_lossy(&output.stdout);
    lanman::parse::reg::parse_reg_query(&text)
        .get(name)
        .map(|v| v.data.clone())
}

fn delete_value(key: &str, name: &str) {
    // Absent already is fine.
    let _ = reg_exe(&["delete", key, "/v", name, "/f"]);
}

/// The registry is shared by every test of the lane: the tests that change it take turns.
static REGISTRY: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn registry_turn() -> std::sync::MutexGuard<'static, ()> {
    REGISTRY
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The Wine loader the Windows lane runs the tests with (`.ci/windows-lane` exports it as cargo's
/// runner), or `None` on a real Windows.
fn wine_loader() -> Option<String> {
    std::env::var("CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER")
        .ok()
        .filter(|runner| runner.contains("wine"))
}

/// Start from a known state: no KeepConn, no autodisconnect value.
fn clean() {
    delete_value(WORKSTATION_KEY, "KeepConn");
    delete_value(SERVER_KEY, "autodisconnect");
}

/// What a run showed a person: exit code, stdout, and stderr without the notes lanman adds.
fn seen(out: &Outcome) -> (i32, String, String) {
    (out.code, out.stdout.clone(), out.stderr.clone())
}

/// Set, read back, reset: the same outputs through both paths, and each path reads what the
/// other wrote.
#[test]
fn both_registry_paths_set_read_back_and_reset_alike() {
    let _turn = registry_turn();
    let mut outputs = Vec::new();
    for path in PATHS {
        clean();
        let lanman = || real_registry(path);
        let mut run = |args: &[&str]| {
            let out = lanman().args(args).run();
            outputs.push((path, args.join(" "), seen(&out)));
            out
        };
        run(&["get", "keepconn"]).code(0).stdout("600\n");
        let json = run(&["get", "keepconn", "--json"]);
        assert_eq!(json.json()["is_default"], Value::Bool(true));
        run(&["set", "keepconn", "1h"])
            .code(0)
            .stdout("keepconn: 600 (default) -> 3600 (via registry)\n");
        assert_eq!(
            listed(WORKSTATION_KEY, "KeepConn"),
            Some(lanman::parse::reg::RegData::Dword(3600)),
            "{path:?}: reg.exe reads what lanman wrote"
        );
        run(&["get", "keepconn"]).code(0).stdout("3600\n");
        // A dry run shows the reg.exe line the change equals, whichever path would make it.
        run(&["set", "keepconn", "1800", "--dry-run"]).code(0).stdout(&format!(
            "would run: reg add {WORKSTATION_KEY} /v KeepConn /t REG_DWORD /d 1800 /f\nkeepconn: 3600 -> 1800 (via registry, dry run: nothing changed)\n"
        ));
        if path == Path::Api {
            lanman()
                .args(["--verbose", "get", "keepconn"])
                .run()
                .code(0)
                .stderr_has(&format!(
                    "lanman: registry API: reg query {WORKSTATION_KEY}"
                ));
        }
        run(&["set", "keepconn", "3600"])
            .code(0)
            .stdout("keepconn: 3600 (unchanged)\n");
        run(&["set", "autodisconnect", "-1", "--via", "registry"])
            .code(0)
            .stdout("autodisconnect: 15 (default) -> -1 (off) (via registry)\n");
        let doctor = lanman().args(["doctor", "--json"]).run();
        doctor.code(0);
        assert_eq!(
            doctor.json()["server"]["registry_autodisconnect_minutes"],
            -1
        );
        assert_eq!(doctor.json()["client"]["keepconn_seconds"], 3600);
        run(&["reset", "keepconn"])
            .code(0)
            .stdout("keepconn: 3600 -> 600 (default) (via registry)\n");
        assert_eq!(listed(WORKSTATION_KEY, "KeepConn"), None, "{path:?}");
        run(&["reset", "keepconn"])
            .code(0)
            .stdout("keepconn: 600 (default) (unchanged)\n");
        run(&["reset", "autodisconnect"])
            .code(0)
            .stdout("autodisconnect: -1 (off) -> 15 (default) (via registry)\n");
        run(&["get", "keepconn"]).code(0).stdout("600\n");
    }
    let api: Vec<_> = outputs.iter().filter(|o| o.0 == Path::Api).collect();
    let reg: Vec<_> = outputs.iter().filter(|o| o.0 == Path::RegExe).collect();
    assert_eq!(api.len(), reg.len());
    for (a, r) in api.iter().zip(&reg) {
        assert_eq!((&a.1, &a.2), (&r.1, &r.2), "the API and reg.exe differ");
    }

    // What one path wrote, the other reads.
    clean();
    real_registry(Path::Api)
        .args(["set", "keepconn", "1234"])
        .run()
        .code(0);
    real_registry(Path::RegExe)
        .args(["get", "keepconn"])
        .run()
        .code(0)
        .stdout("1234\n");
    real_registry(Path::RegExe)
        .args(["set", "keepconn", "4321"])
        .run()
        .code(0);
    real_registry(Path::Api)
        .args(["get", "keepconn"])
        .run()
        .code(0)
        .stdout("4321\n");
    clean();
}

/// A KeepConn stored with another type is reported with its type and data, identically by both
/// paths: `get` fails with exit 7, `set` would replace it, `reset` deletes it.
#[test]
fn wrongly_typed_values_of_every_type_read_alike_through_both_paths() {
    let _turn = registry_turn();
    // (reg add type, reg add data, type and data lanman reports). The last two are what Wine's
    // reg.exe stores and prints; what Windows' reg.exe does with them is not recorded
    // (docs/windows.md#registry-types), so they run under Wine only.
    let cases: [(&str, &str, &str, &str); 7] = [
        ("REG_SZ", "600", "REG_SZ", "600"),
        (
            "REG_EXPAND_SZ",
            r"%SystemRoot%\x",
            "REG_EXPAND_SZ",
            r"%SystemRoot%\x",
        ),
        ("REG_MULTI_SZ", r"a\0b\0c", "REG_MULTI_SZ", r"a\0b\0c"),
        ("REG_BINARY", "01ab00ff", "REG_BINARY", "01AB00FF"),
        ("REG_MULTI_SZ", "", "REG_MULTI_SZ", ""),
        ("REG_DWORD_BIG_ENDIAN", "5", "REG_DWORD_BIG_ENDIAN", "0x5"),
        // Wine's reg.exe stores REG_NONE data as a string (with its NUL).
        ("REG_NONE", "01", "REG_NONE", "300031000000"),
    ];
    let wine = wine_loader().is_some();
    for (kind, data, shown_kind, shown) in cases {
        if !wine && matches!(kind, "REG_DWORD_BIG_ENDIAN" | "REG_NONE") {
            continue;
        }
        clean();
        let added = reg_exe(&[
            "add",
            WORKSTATION_KEY,
            "/v",
            "KeepConn",
            "/t",
            kind,
            "/d",
            data,
            "/f",
        ]);
        assert!(added.status.success(), "reg add {kind}: {added:?}");
        let mut seen_by = Vec::new();
        for path in PATHS {
            let get = real_registry(path).args(["get", "keepconn"]).run();
            get.code(7).one_line_error().stderr_has(&format!(
                "KeepConn is a {shown_kind} holding {shown:?} where Windows expects a REG_DWORD"
            ));
            let json = real_registry(path)
                .args(["get", "keepconn", "--json"])
                .run();
            assert_eq!(json.json()["error"]["kind"], "wrongly_typed", "{path:?}");
            let plan = real_registry(path)
                .args(["set", "keepconn", "600", "--dry-run", "--json"])
                .run();
            plan.code(0);
            let wrong = plan.json()["wrongly_typed"].clone();
            assert_eq!(
                wrong,
                serde_json::json!({"name": "KeepConn", "type": shown_kind, "data": shown}),
                "{path:?} {kind}"
            );
            seen_by.push((seen(&get), wrong));
        }
        assert_eq!(seen_by[0], seen_by[1], "{kind}: the API and reg.exe differ");
    }
    // `set` replaces and `reset` deletes, through each path.
    for path in PATHS {
        reg_exe(&[
            "add",
            WORKSTATION_KEY,
            "/v",
            "KeepConn",
            "/t",
            "REG_SZ",
            "/d",
            "600",
            "/f",
        ]);
        real_registry(path)
            .args(["set", "keepconn", "601"])
            .run()
            .code(0)
            .stderr_has("KeepConn held a REG_SZ (\"600\") where Windows expects a REG_DWORD; the change replaces it");
        assert_eq!(
            listed(WORKSTATION_KEY, "KeepConn"),
            Some(lanman::parse::reg::RegData::Dword(601)),
            "{path:?}"
        );
        reg_exe(&[
            "add",
            WORKSTATION_KEY,
            "/v",
            "KeepConn",
            "/t",
            "REG_MULTI_SZ",
            "/d",
            "x",
            "/f",
        ]);
        real_registry(path)
            .args(["reset", "keepconn"])
            .run()
            .code(0)
            .stderr_has("the change deletes it");
        assert_eq!(listed(WORKSTATION_KEY, "KeepConn"), None, "{path:?}");
    }
    clean();
}

/// A REG_QWORD is the one type the two paths show differently under Wine, and it is Wine's
/// reg.exe that cannot print it (`(null)`); the API reads its eight bytes. On Windows both read
/// it alike.
#[test]
fn a_qword_is_read_by_the_api_where_wines_reg_exe_prints_null() {
    let _turn = registry_turn();
    clean();
    reg_exe(&[
        "add",
        WORKSTATION_KEY,
        "/v",
        "KeepConn",
        "/t",
        "REG_QWORD",
        "/d",
        "0x1234567890",
        "/f",
    ]);
    real_registry(Path::Api)
        .args(["get", "keepconn"])
        .run()
        .code(7)
        .stderr_has("KeepConn is a REG_QWORD holding \"0x1234567890\"");
    let by_reg_exe = if wine_loader().is_some() {
        "(null)"
    } else {
        "0x1234567890"
    };
    real_registry(Path::RegExe)
        .args(["get", "keepconn"])
        .run()
        .code(7)
        .stderr_has(&format!("KeepConn is a REG_QWORD holding {by_reg_exe:?}"));
    clean();
}

/// The processes a job object has seen (Win32 `JOBOBJECT_BASIC_ACCOUNTING_INFORMATION`), for
/// [`with_the_api_no_reg_exe_process_starts`]: Windows and Wine both count every process
/// created in a job, children included, and both run this test.
mod job {
    use std::ffi::c_void;
    use std::os::windows::io::AsRawHandle;
    use std::os::windows::process::CommandExt;

    #[link(name = "kernel32")]
    unsafe extern "system" {
        fn CreateJobObjectW(attributes: *const c_void, name: *const u16) -> *mut c_void;
        fn AssignProcessToJobObject(job: *mut c_void, process: *mut c_void) -> i32;
        fn QueryInformationJobObject(
            job: *mut c_void,
            class: i32,
            info: *mut c_void,
            length: u32,
            returned: *mut u32,
        ) -> i32;
        fn CloseHandle(handle: *mut c_void) -> i32;
    }

    #[link(name = "ntdll")]
    unsafe extern "system" {
        fn NtResumeProcess(process: *mut c_void) -> i32;
    }

    const CREATE_SUSPENDED: u32 = 0x4;
    const JOB_OBJECT_BASIC_ACCOUNTING_INFORMATION: i32 = 1;

    #[repr(C)]
    #[derive(Default)]
    struct Accounting {
        total_user_time: i64,
        total_kernel_time: i64,
        this_period_user_time: i64,
        this_period_kernel_time: i64,
        page_faults: u32,
        total_processes: u32,
        active_processes: u32,
        terminated_processes: u32,
    }

    /// Run `command` to its end inside a job object of its own, created suspended and put into
    /// the job before its first instruction, so no child can escape the count. Returns its exit
    /// code and the number of processes the job saw (lanman and every process it started).
    pub(super) fn run_counting(mut command: std::process::Command) -> (i32, u32) {
        // SAFETY: null attributes and a null name are documented as valid.
        let job = unsafe { CreateJobObjectW(std::ptr::null(), std::ptr::null()) };
        assert!(!job.is_null(), "CreateJobObjectW failed");
        let child = command
            .creation_flags(CREATE_SUSPENDED)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("lanman starts");
        let process = child.as_raw_handle();
        // SAFETY: `job` and `process` are valid handles owned by this function and `child`.
        assert_ne!(unsafe { AssignProcessToJobObject(job, process) }, 0);
        // SAFETY: `process` is the suspended child's handle, with PROCESS_ALL_ACCESS.
        assert_eq!(unsafe { NtResumeProcess(process) }, 0);
        let output = child.wait_with_output().expect("lanman ends");
        let mut info = Accounting::default();
        let size = u32::try_from(std::mem::size_of::<Accounting>()).unwrap();
        // SAFETY: `info` is a writable JOBOBJECT_BASIC_ACCOUNTING_INFORMATION of `size` bytes.
        let queried = unsafe {
            QueryInformationJobObject(
                job,
                JOB_OBJECT_BASIC_ACCOUNTING_INFORMATION,
                std::ptr::from_mut(&mut info).cast(),
                size,
                std::ptr::null_mut(),
            )
        };
        assert_ne!(queried, 0, "QueryInformationJobObject failed");
        // SAFETY: `job` is this function's own handle, closed once.
        unsafe {
            CloseHandle(job);
        }
        (output.status.code().unwrap_or(-1), info.total_processes)
    }
}

/// With the API in use no reg.exe process starts: lanman runs inside a job object that counts
/// every process created in it. Reading and changing KeepConn through the API creates as many
/// as `lanman --version` (lanman alone, and whatever the system adds to start a console
/// program); through `LANMAN_REG`, one more per reg.exe, so the count is known to see them.
#[test]
fn with_the_api_no_reg_exe_process_starts() {
    let _turn = registry_turn();
    clean();
    let counted = |path: Path, args: &[&str]| {
        #[allow(clippy::disallowed_methods)] // lanman, started suspended inside a job object
        let mut command = Command::new(crate::support::absolute(std::path::Path::new(env!(
            "CARGO_BIN_EXE_lanman"
        ))));
        command.args(args).env("NO_COLOR", "1");
        for var in [
            "LANMAN_REG",
            "LANMAN_NET",
            "LANMAN_SECEDIT",
            "LANMAN_TEST_REG_ERROR",
        ] {
            command.env_remove(var);
        }
        if path == Path::RegExe {
            command.env("LANMAN_REG", system_reg());
        }
        let (code, processes) = job::run_counting(command);
        assert_eq!(code, 0, "lanman {args:?} through {path:?}");
        processes
    };
    let alone = counted(Path::Api, &["--version"]);
    assert!(alone >= 1, "the job saw no process");
    for args in [
        &["get", "keepconn"][..],
        &["set", "keepconn", "1h"],
        &["get", "keepconn", "--json"],
        &["reset", "keepconn"],
    ] {
        assert_eq!(
            counted(Path::Api, args),
            alone,
            "{args:?} through the API started a process"
        );
    }
    // reg.exe's path: `get` runs one `reg query`; `set` a query, an add and a read-back query.
    assert_eq!(counted(Path::RegExe, &["get", "keepconn"]), alone + 1);
    assert_eq!(counted(Path::RegExe, &["set", "keepconn", "1h"]), alone + 3);
    clean();
}

/// Wine's computer name: Wine answers `RegConnectRegistryW` for it as for the local registry.
fn this_computer() -> String {
    std::env::var("COMPUTERNAME").expect("Wine sets COMPUTERNAME")
}

/// `--computer` with this computer's own name goes through `RegConnectRegistryW`, the API's
/// remote path, on its own thread with its deadline.
#[test]
fn the_apis_remote_path_reads_and_writes_this_computer_by_name() {
    let _turn = registry_turn();
    clean();
    let name = this_computer();
    real_reg()
        .args(["get", "keepconn", "--computer", &name])
        .run()
        .code(0)
        .stdout("600\n");
    real_reg()
        .args(["set", "keepconn", "3599", "--computer", &name])
        .run()
        .code(0)
        .stdout(&format!(
            "keepconn: 600 (default) -> 3599 on {name} (via registry)\n"
        ));
    assert_eq!(
        listed(WORKSTATION_KEY, "KeepConn"),
        Some(lanman::parse::reg::RegData::Dword(3599))
    );
    let json = real_reg()
        .args(["get", "keepconn", "--computer", &name, "--json"])
        .run();
    assert_eq!(json.json()["value"], 3599);
    assert_eq!(json.json()["computer"], name.as_str());
    real_reg()
        .args(["reset", "keepconn", "--computer", &name])
        .run()
        .code(0)
        .stdout(&format!(
            "keepconn: 3599 -> 600 (default) on {name} (via registry)\n"
        ));
    assert_eq!(listed(WORKSTATION_KEY, "KeepConn"), None);
    // Wine's reg.exe has no remote form at all ("Unable to access remote machine"): the
    // reg.exe path's remote form is tested against the fake (tests/cli/fleet.rs).
    clean();
}

/// Any other host: Wine's `RegConnectRegistryW` answers 53 (the network path was not found),
/// which lanman explains by number, the same in every display language (this test runs in the
/// default and the German pass). On Windows a name that does not resolve is unreachable too,
/// though which number says so is not recorded.
#[test]
fn another_host_is_error_53_with_the_three_causes() {
    let out = real_reg()
        .args(["get", "keepconn", "--computer", "NO-SUCH-HOST-17"])
        .run();
    if wine_loader().is_none() {
        out.code(6)
            .one_line_error()
            .stderr_has("cannot reach the registry of NO-SUCH-HOST-17")
            .stderr_has("Remote Registry service");
        return;
    }
    out.code(6).one_line_error().stderr(
        "error: cannot reach the registry of NO-SUCH-HOST-17: the network path was not found (Windows error 53); check that the host is up, that the Remote Registry service runs there (`sc \\\\NO-SUCH-HOST-17 start RemoteRegistry`) and that the firewall allows it\n",
    );
    let json = real_reg()
        .args(["get", "keepconn", "--computer", "NO-SUCH-HOST-17", "--json"])
        .run();
    assert_eq!(json.json()["error"]["kind"], "remote_unreachable");
}

/// `RegConnectRegistryW` has no timeout: a server that never answers (the tests' seam,
/// `LANMAN_TEST_REG_HANG`, compiled only with the `test-fakes` feature) holds lanman no longer
/// than `--timeout`, and a write to it says its outcome is unknown.
#[test]
fn a_hung_remote_registry_stops_lanman_at_its_timeout() {
    let out = real_reg()
        .env("LANMAN_TEST_REG_HANG", "FS01")
        .args(["--timeout", "1", "get", "keepconn", "--computer", "FS01"])
        .run();
    out.code(8).one_line_error().stderr(
        "error: reading the registry of FS01 did not finish within 1 s and was stopped; raise --timeout if the machine is slow\n",
    );
    let out = real_reg()
        .env("LANMAN_TEST_REG_HANG", "FS01")
        .args(["--timeout", "1", "get", "keepconn", "--computer", "FS02"])
        .run();
    // Only the listed host hangs; FS02 is another host to Wine (53).
    out.code(6);
}

/// Win32 error numbers give the same exit code, kind and advice whatever the display language
/// (the German pass runs this test with German system messages); the numbers come from the
/// tests' seam, `LANMAN_TEST_REG_ERROR`, since Wine's registry refuses nothing.
#[test]
fn registry_errors_are_explained_by_number_not_by_language() {
    let _turn = registry_turn();
    clean();
    let name = this_computer();
    let failing = |code: &str| real_reg().env("LANMAN_TEST_REG_ERROR", code);
    failing("5").args(["get", "keepconn"]).run().code(4).one_line_error().stderr(&format!(
        "error: access denied reading {WORKSTATION_KEY} (Windows error 5): run lanman from an elevated command prompt (Run as administrator)\n"
    ));
    failing("write:5")
        .args(["set", "keepconn", "700"])
        .run()
        .code(4)
        .stderr_has(&format!(
            "access denied changing {WORKSTATION_KEY} (Windows error 5)"
        ))
        .stderr_has("computer Startup script")
        .stderr_has("nothing was changed: keepconn is still 600 (default)");
    failing("5")
        .args(["get", "keepconn", "--computer", &name])
        .run()
        .code(4)
        .stderr_has(&format!("you need administrator rights on {name}"));
    let unreachable = failing("1722")
        .args(["get", "keepconn", "--computer", &name, "--json"])
        .run();
    unreachable.code(6);
    assert_eq!(unreachable.json()["error"]["kind"], "remote_unreachable");
    assert!(
        unreachable.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("the RPC server is unavailable (Windows error 1722)")
    );
    for code in ["1326", "1219"] {
        let creds = failing(code)
            .args(["get", "keepconn", "--computer", &name, "--json"])
            .run();
        creds.code(4);
        assert_eq!(creds.json()["error"]["kind"], "remote_credentials");
    }
    failing("1450")
        .args(["get", "keepconn"])
        .run()
        .code(6)
        .stderr_has("failed with Windows error 1450 (`net helpmsg 1450`");
}

#[test]
fn the_systems_own_net_exe_has_no_config_and_lanman_says_so() {
    // Wine's net.exe does not implement `net config`: lanman must fail clearly (6 or 7),
    // neither hang nor succeed.
    let out = Lanman::new()
        .env_remove("LANMAN_NET")
        .args(["--timeout", "20", "get", "autodisconnect"])
        .run();
    assert!(
        matches!(out.code, 6 | 7),
        "exit {}: {}",
        out.code,
        out.stderr
    );
    out.stdout("").one_line_error();
}

#[test]
fn the_systems_own_wevtutil_is_run_from_system32_and_never_hangs_lanman() {
    // Without LANMAN_WEVTUTIL lanman runs System32's wevtutil.exe (Wine has one). Whatever it
    // makes of `qe … /f:xml`, lanman reads it (exit 0, one JSON document) or says in one line
    // why not (6: failed or the log is missing; 7: not event XML); it never hangs.
    let out = Lanman::new()
        .env_remove("LANMAN_WEVTUTIL")
        .args(["--timeout", "20", "events", "--json"])
        .run();
    assert!(
        matches!(out.code, 0 | 6 | 7),
        "exit {}: {}",
        out.code,
        out.stderr
    );
    let doc = out.json();
    if out.code == 0 {
        assert!(doc["events"].is_array(), "{doc}");
    } else {
        assert_eq!(doc["error"]["exit_code"], out.code);
        out.one_line_error();
    }
    assert!(
        out.wevtutil_calls.is_empty(),
        "the fake ran: {:?}",
        out.wevtutil_calls
    );
}

/// `reg import` of the .reg file `lanman export --output` writes sets the values, as the real
/// reg.exe reads them back.
#[test]
fn reg_import_of_lanmans_reg_file_sets_the_values() {
    let _turn = registry_turn();
    clean();
    let lanman = real_reg();
    let file = lanman.path("lanman.reg");
    // The outcome owns the run's temporary directory: keep it until reg.exe has read the file.
    let written = lanman
        .args([
            "export",
            "--autodisconnect",
            "off",
            "--keepconn",
            "1h",
            "--output",
        ])
        .arg_path(&file)
        .run();
    written.code(0);
    #[allow(clippy::disallowed_methods)] // the test runs reg.exe as an administrator would
    let import = Command::new(system_reg())
        .arg("import")
        .arg(&file)
        .output()
        .expect("reg.exe runs");
    assert!(import.status.success(), "reg import: {import:?}");
    drop(written);
    real_reg()
        .args(["get", "keepconn"])
        .run()
        .code(0)
        .stdout("3600\n");
    #[allow(clippy::disallowed_methods)]
    let query = Command::new(system_reg())
        .args(["query", SERVER_KEY, "/v", "autodisconnect"])
        .output()
        .expect("reg.exe runs");
    let text = String::from_utf8_lossy(&query.stdout);
    let key = lanman::parse::reg::parse_reg_query(&text);
    assert_eq!(
        key.get("autodisconnect").and_then(|v| v.dword()),
        Some(0xFFFF_FFFF),
        "{text:?}"
    );
    real_reg().args(["reset", "keepconn"]).run().code(0);
    real_reg().args(["reset", "autodisconnect"]).run().code(0);
}
