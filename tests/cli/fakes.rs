//! The fakes are exercised directly, so a broken fake fails here rather than making lanman
//! look broken.

use std::process::Command;

use crate::support::{fake_net, fake_reg, fixture};

#[allow(clippy::disallowed_methods)] // tests start the fakes directly
fn command(program: std::path::PathBuf) -> Command {
    let mut command = Command::new(program);
    for key in [
        "FAKE_NET_MODE",
        "FAKE_NET_STATE",
        "FAKE_REG_MODE",
        "FAKE_REG_STATE",
        "FAKE_SLEEP_MS",
    ] {
        command.env_remove(key);
    }
    command
}

#[test]
fn fake_net_replays_a_fixture_byte_for_byte() {
    let output = command(fake_net())
        .args(["config", "server"])
        .env(
            "FAKE_NET_SERVER",
            fixture("wire/server-en-win10-pro.net-exact.cp437.txt"),
        )
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        output.stdout,
        std::fs::read(fixture("wire/server-en-win10-pro.net-exact.cp437.txt")).unwrap()
    );
}

#[test]
fn fake_net_validates_autodisconnect_like_net() {
    for (value, ok) in [
        ("60", true),
        ("-1", true),
        ("65535", true),
        ("65536", false),
        ("-2", false),
        ("abc", false),
        ("000015", false),
    ] {
        let output = command(fake_net())
            .args(["config", "server", &format!("/autodisconnect:{value}")])
            .output()
            .unwrap();
        assert_eq!(output.status.code() == Some(0), ok, "{value}: {output:?}");
    }
}

#[test]
fn fake_reg_remembers_an_add() {
    let dir = tempfile::tempdir().unwrap();
    let key = r"HKLM\SYSTEM\CurrentControlSet\Services\LanmanWorkstation\Parameters";
    let run = |args: &[&str]| {
        command(fake_reg())
            .args(args)
            .env("FAKE_REG_STATE", dir.path())
            .output()
            .unwrap()
    };
    let added = run(&[
        "add",
        key,
        "/v",
        "KeepConn",
        "/t",
        "REG_DWORD",
        "/d",
        "3600",
        "/f",
    ]);
    assert_eq!(added.status.code(), Some(0), "{added:?}");
    let query = run(&["query", key]);
    assert_eq!(
        String::from_utf8(query.stdout).unwrap(),
        "\r\nHKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\LanmanWorkstation\\Parameters\r\n    KeepConn    REG_DWORD    0xe10\r\n\r\n"
    );
    let missing = run(&["query", key, "/v", "Nope"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("unable to find"));
}
