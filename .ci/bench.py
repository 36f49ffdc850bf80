#!/usr/bin/env python3
"""Whole-process benchmarks of lanman (called by .ci/bench; see BENCHMARKS.md).

Measures, with release binaries built by .ci/bench:
  1. lanman's own overhead: the fake `net` alone against `lanman get autodisconnect` running
     it, interleaved run by run in one process so both see the same machine state; reported as
     medians, their difference, and their ratio.
  2. where the overhead goes: a bare process start, lanman starting and exiting, lanman
     parsing a saved output without running anything.
  3. peak resident set size (GNU time's %M: lanman or the child it waited for, whichever is
     larger) for `lanman get autodisconnect`, `lanman server --json` and `lanman doctor`.
     (Python's own wait4 figures would include this script's memory: a child counts its
     parent's pages until it execs.)
  4. `lanman doctor` against fakes whose every call sleeps SLEEP ms: if the probes overlap,
     its wall time is near one probe's, not the sum of all.
  5. `lanman doctor` with 12 mapped drives on 8 servers, 3 of whose registries hang: it should
     take about one --timeout, not three; beside it the same run with every server answering.
  6. the release binary's size.
  7. `lanman report` over a folder of N doctor reports (written by `lanman doctor --json` against
     the fakes, then copied under N computer names), beside a Python script that only loads
     each file with its `json` module: wall time (median of interleaved runs, files in the page
     cache) and peak RSS (GNU time), and lanman's peak RSS over a tenth of the files, to show
     what grows with the number of files.

With --wine WINE (run by .ci/bench in a throwaway Wine prefix, --bin then holding the Windows
release build), the Windows section instead:
  W1. `lanman.exe get keepconn` against `lanman.exe --version`, interleaved run by run, with
      the registry read through the Windows API (LANMAN_REG unset) and through Wine's reg.exe
      (LANMAN_REG naming Wine's own reg.exe, the path lanman used before): medians and
      ratios to --version (target: the API at most 1.5 times).
  W2. `lanman.exe doctor` with 12 mapped drives on 8 servers, through the API, 3 of whose
      registries never answer (the test-only seam LANMAN_TEST_REG_HANG; Wine answers the
      others at once with error 53): about one --timeout.

Prints a report and exits 0; nothing is asserted (targets are printed beside the figures).
Only the Python standard library is used.
"""

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURE = os.path.join(ROOT, "fixtures", "server-en-win10-pro.txt")
WS_FIXTURE = os.path.join(ROOT, "fixtures", "workstation-en-win10-pro-msaccount-workgroup.txt")
NO_DRIVES = os.path.join(ROOT, "fixtures", "lists", "use-en-5.txt")
SHARES = os.path.join(ROOT, "fixtures", "lists", "share-en-4.txt")


def drives_list(servers, drives):
    """A `net use` list in the recorded English layout: `drives` drives spread over
    `servers` servers FS01..FSnn (ours, not a recording)."""
    lines = [
        "New connections will be remembered.",
        "",
        "Status       Local     Remote                    Network",
        "",
        "-" * 79,
    ]
    for i in range(drives):
        letter = chr(ord("Z") - i)
        remote = f"\\\\FS{i % servers + 1:02d}\\share{i}"
        lines.append(f"{'OK':<13}{letter + ':':<10}{remote:<26}Microsoft Windows Network")
    lines.append("The command completed successfully.")
    return "\r\n".join(lines) + "\r\n"


def run(argv, env):
    """Run argv with stdin closed and output discarded; return (seconds, maxrss KiB, status)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"bench: {argv} exited {child.returncode}: {err.decode(errors='replace')}")
    return elapsed, usage.ru_maxrss


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def ms(seconds):
    return f"{seconds * 1000:8.3f} ms"


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--bin", required=True, help="directory with lanman, fake-net, fake-reg")
    ap.add_argument("--runs", type=int, default=300, help="runs of each command (overhead)")
    ap.add_argument("--sleep", type=int, default=200, help="ms each doctor probe sleeps")
    ap.add_argument("--doctor-runs", type=int, default=5)
    ap.add_argument("--timeout", type=int, default=3, help="--timeout of the hanging-server run")
    ap.add_argument("--wine", help="the wine64 loader: measure the Windows build in --bin under Wine")
    ap.add_argument("--wine-runs", type=int, default=40, help="interleaved runs of each command under Wine")
    ap.add_argument("--reports", type=int, default=10_000, help="doctor reports for `lanman report`")
    ap.add_argument("--report-runs", type=int, default=5, help="interleaved runs of report and Python")
    args = ap.parse_args()
    if args.wine:
        wine_main(args)
        return

    bindir = os.path.abspath(args.bin)
    lanman = os.path.join(bindir, "lanman")
    fake_net = os.path.join(bindir, "fake-net")
    fake_reg = os.path.join(bindir, "fake-reg")
    fake_secedit = os.path.join(bindir, "fake-secedit")
    fake_powershell = os.path.join(bindir, "fake-powershell")
    state = tempfile.mkdtemp(prefix="lanman-bench.")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANMAN_NET": fake_net,
        "LANMAN_REG": fake_reg,
        "LANMAN_SECEDIT": fake_secedit,
        "LANMAN_POWERSHELL": fake_powershell,
        "FAKE_NET_SERVER": FIXTURE,
        "FAKE_NET_WORKSTATION": WS_FIXTURE,
        "FAKE_NET_USE": NO_DRIVES,
        "FAKE_NET_SHARE": SHARES,
        "FAKE_REG_STATE": state,
        "NO_COLOR": "1",
    }
    print(f"machine: {machine()}")
    print(f"lanman:  {lanman}")

    # 1. Overhead, interleaved (A B A B ...) after a warm-up of each.
    alone_argv = [fake_net, "config", "server"]
    lanman_argv = [lanman, "get", "autodisconnect"]
    for _ in range(10):
        run(alone_argv, env)
        run(lanman_argv, env)
    alone, wrapped = [], []
    for _ in range(args.runs):
        t, _ = run(alone_argv, env)
        alone.append(t)
        t, _ = run(lanman_argv, env)
        wrapped.append(t)
    a, w = statistics.median(alone), statistics.median(wrapped)
    pairs = sorted(x - y for x, y in zip(wrapped, alone))
    print()
    print(f"1. overhead, {args.runs} interleaved runs each (median, p10..p90)")
    print(f"   fake net alone                 {ms(a)}   ({ms(percentile(alone, 10))} ..{ms(percentile(alone, 90))})")
    print(f"   lanman get autodisconnect      {ms(w)}   ({ms(percentile(wrapped, 10))} ..{ms(percentile(wrapped, 90))})")
    print(f"   lanman's own overhead          {ms(w - a)}   (median of paired differences {ms(statistics.median(pairs))}; target <= 1 ms)")
    print(f"   ratio                          {w / a:8.2f} x")

    # 2. Decomposition: what a process start costs here, and lanman without a child.
    parts = [
        ("/bin/true (a process start)", ["/bin/true"]),
        ("lanman --version", [lanman, "--version"]),
        ("lanman parse server FILE", [lanman, "parse", "server", FIXTURE]),
    ]
    print()
    print(f"2. where it goes ({args.runs} runs each, median)")
    for name, argv in parts:
        times = [run(argv, env)[0] for _ in range(args.runs)]
        print(f"   {name:<30} {ms(statistics.median(times))}")

    # 3. Peak RSS, measured by GNU time (a small parent; see the docstring).
    print()
    print("3. peak RSS (max of lanman and its child; target < 10 MiB)")
    gnu_time = shutil.which("time", path="/usr/bin:/bin")
    if gnu_time is None:
        print("   skipped: GNU time (/usr/bin/time, Debian package `time`) is not installed")
    for name, argv in [
        ("lanman get autodisconnect", [lanman, "get", "autodisconnect"]),
        ("lanman server --json", [lanman, "server", "--json"]),
        ("lanman workstation --json", [lanman, "workstation", "--json"]),
        ("lanman doctor --json", [lanman, "doctor", "--json"]),
        ("fake net alone", alone_argv),
    ]:
        if gnu_time is None:
            break
        peak = 0
        for _ in range(5):
            out = subprocess.run(
                [gnu_time, "-f", "%M", *argv], env=env, stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True,
            )
            peak = max(peak, int(out.stderr.decode().strip().splitlines()[-1]))
        print(f"   {name:<30} {peak / 1024:6.2f} MiB")

    # 3. Doctor against sleeping fakes.
    slow = dict(env, FAKE_SLEEP_MS=str(args.sleep))
    log = os.path.join(state, "calls.log")
    probe_env = dict(slow, FAKE_NET_LOG=log, FAKE_REG_LOG=log, FAKE_SECEDIT_LOG=log, FAKE_PS_LOG=log)
    run([lanman, "doctor"], probe_env)
    with open(log) as f:
        probes = sum(1 for line in f if line.strip())
    times = [run([lanman, "doctor"], slow)[0] for _ in range(args.doctor_runs)]
    d = statistics.median(times)
    print()
    print(f"4. lanman doctor, every fake call sleeping {args.sleep} ms ({probes} probes; median of {args.doctor_runs})")
    print(f"   wall time                      {ms(d)}")
    print(f"   one probe / all in sequence    {ms(args.sleep / 1000)} / {ms(probes * args.sleep / 1000)}")
    print(f"   overlap                        {probes * args.sleep / 1000 / d:8.2f} x faster than in sequence")

    # 5. Doctor for 12 drives on 8 servers, 3 of them hanging.
    use_file = os.path.join(state, "drives.txt")
    with open(use_file, "w", newline="") as f:
        f.write(drives_list(servers=8, drives=12))
    timeout = args.timeout
    drives_env = dict(env, FAKE_NET_USE=use_file)
    hanging_env = dict(drives_env, FAKE_REG_HANG="FS02,FS05,FS07")
    argv = [lanman, "--timeout", str(timeout), "doctor", "--json"]
    answering = [run(argv, drives_env)[0] for _ in range(args.doctor_runs)]
    hanging = [run(argv, hanging_env)[0] for _ in range(args.doctor_runs)]
    print()
    print(f"5. lanman doctor, 12 drives on 8 servers, --timeout {timeout} (median of {args.doctor_runs})")
    print(f"   every server answering         {ms(statistics.median(answering))}")
    print(f"   3 servers hanging              {ms(statistics.median(hanging))}   (target: about one --timeout, {timeout} s, not three)")

    # 6. Binary size.
    size = os.path.getsize(lanman)
    print()
    print(f"6. release binary {size / 1024 / 1024:.2f} MiB ({size} bytes; target < 3 MiB)")

    # 7. report over N doctor reports, beside Python's json module.
    report_section(lanman, drives_env, state, args.reports, args.report_runs, gnu_time)
    shutil.rmtree(state, ignore_errors=True)


def windows_path(path):
    """A Linux path as a Wine program sees it (drive Z: is /)."""
    return "Z:" + os.path.abspath(path).replace("/", "\\")


def wine_main(args):
    bindir = os.path.abspath(args.bin)
    wine = args.wine
    lanman = os.path.join(bindir, "lanman.exe")
    fake_net = os.path.join(bindir, "fake-net.exe")
    fake_secedit = os.path.join(bindir, "fake-secedit.exe")
    state = tempfile.mkdtemp(prefix="lanman-bench-wine.")
    base = {
        k: v
        for k, v in os.environ.items()
        if k in ("PATH", "HOME", "WINEPREFIX", "WINEDEBUG", "WINEDLLOVERRIDES", "WINEARCH", "LC_ALL")
    }
    env = dict(base, NO_COLOR="1")
    reg_exe = dict(env, LANMAN_REG="C:\\windows\\system32\\reg.exe")
    print(f"machine: {machine()}")
    print(f"wine:    {subprocess.run([wine, '--version'], capture_output=True, text=True).stdout.strip()}")
    print(f"lanman:  {lanman}")

    version = [wine, lanman, "--version"]
    get = [wine, lanman, "get", "keepconn"]
    commands = [("lanman.exe --version", version, env),
                ("get keepconn, API", get, env),
                ("get keepconn, reg.exe", get, reg_exe)]
    for _ in range(3):
        for _, argv, e in commands:
            run(argv, e)
    times = {name: [] for name, _, _ in commands}
    for _ in range(args.wine_runs):
        for name, argv, e in commands:
            times[name].append(run(argv, e)[0])
    base_median = statistics.median(times["lanman.exe --version"])
    print()
    print(f"W1. under Wine, {args.wine_runs} interleaved runs each (median, p10..p90; ratio to --version)")
    for name, _, _ in commands:
        t = times[name]
        m = statistics.median(t)
        print(f"   {name:<28} {ms(m)}   ({ms(percentile(t, 10))} ..{ms(percentile(t, 90))})   {m / base_median:5.2f} x")
    print("   target: get keepconn through the API at most 1.5 x --version")

    use_file = os.path.join(state, "drives.txt")
    with open(use_file, "w", newline="") as f:
        f.write(drives_list(servers=8, drives=12))
    doctor_env = dict(
        env,
        LANMAN_NET=windows_path(fake_net),
        LANMAN_SECEDIT=windows_path(fake_secedit),
        FAKE_NET_SERVER=windows_path(FIXTURE),
        FAKE_NET_WORKSTATION=windows_path(WS_FIXTURE),
        FAKE_NET_USE=windows_path(use_file),
        FAKE_NET_SHARE=windows_path(SHARES),
    )
    hanging_env = dict(doctor_env, LANMAN_TEST_REG_HANG="FS02,FS05,FS07")
    argv = [wine, lanman, "--timeout", str(args.timeout), "doctor", "--json"]
    answering = [run(argv, doctor_env)[0] for _ in range(args.doctor_runs)]
    hanging = [run(argv, hanging_env)[0] for _ in range(args.doctor_runs)]
    print()
    print(f"W2. lanman.exe doctor through the API, 12 drives on 8 servers, --timeout {args.timeout} (median of {args.doctor_runs})")
    print(f"   every server answering (53)    {ms(statistics.median(answering))}")
    print(f"   3 servers hanging              {ms(statistics.median(hanging))}   (target: about one --timeout, {args.timeout} s, not three)")
    shutil.rmtree(state, ignore_errors=True)
PYTHON_LOAD = """
import json, os, sys
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    with open(os.path.join(folder, name), "rb") as f:
        json.load(f)
"""


def make_reports(lanman, env, folder, count):
    """`count` doctor reports as a collection share holds them: clients written by lanman doctor
    --json against the fakes (12 drives on 8 servers, or 3 drives on 2; nothing shared but
    administrative shares, a recorded `net share`), copied under computer names PC00000...,
    and among them the 8 file servers' own reports (sharing a folder)."""
    os.makedirs(folder, exist_ok=True)
    admin_shares = os.path.join(ROOT, "fixtures", "lists", "share-zh-2.txt")

    def doctor(name, use_file, shares):
        run_env = dict(env, FAKE_NET_USE=use_file, FAKE_NET_SHARE=shares, COMPUTERNAME=name)
        out = subprocess.run([lanman, "doctor", "--json"], env=run_env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        return out.stdout.decode()

    templates = []
    for servers, drives in [(8, 12), (2, 3)]:
        use_file = os.path.join(folder, "..", f"use-{drives}.txt")
        with open(use_file, "w", newline="") as f:
            f.write(drives_list(servers=servers, drives=drives))
        templates.append(doctor("BENCHPC", use_file, admin_shares))
    servers = min(8, count)
    for i in range(servers):
        with open(os.path.join(folder, f"FS{i + 1:02d}.json"), "w", newline="") as f:
            f.write(doctor(f"FS{i + 1:02d}", NO_DRIVES, SHARES))
    for i in range(count - servers):
        text = templates[i % len(templates)].replace("BENCHPC", f"PC{i:05d}")
        with open(os.path.join(folder, f"PC{i:05d}.json"), "w", newline="") as f:
            f.write(text)
    return sum(len(t) for t in templates) // len(templates)


def peak_rss(gnu_time, argv, env):
    out = subprocess.run([gnu_time, "-f", "%M", *argv], env=env, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
    return int(out.stderr.decode().strip().splitlines()[-1])


def report_section(lanman, env, state, count, runs, gnu_time):
    folder = os.path.join(state, "reports")
    size = make_reports(lanman, env, folder, count)
    small = os.path.join(state, "reports-tenth")
    make_reports(lanman, env, small, max(count // 10, 1))
    out_file = os.path.join(state, "report.json")
    lanman_argv = [lanman, "report", folder, "--format", "json", "--output", out_file]
    python_argv = [sys.executable, "-c", PYTHON_LOAD, folder]
    run(lanman_argv, env)
    run(python_argv, env)
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(run(lanman_argv, env)[0])
        theirs.append(run(python_argv, env)[0])
    print()
    print(f"7. lanman report over {count} doctor reports (about {size / 1024:.1f} KiB each; median of {runs}, interleaved)")
    print(f"   lanman report --format json    {ms(statistics.median(ours))}")
    print(f"   Python json.load of each file  {ms(statistics.median(theirs))}   (target: lanman faster)")
    print(f"   ratio                          {statistics.median(theirs) / statistics.median(ours):8.2f} x faster than Python")
    if gnu_time is None:
        print("   peak RSS skipped: GNU time (/usr/bin/time) is not installed")
        return
    tenth = [lanman, "report", small, "--format", "json", "--output", out_file]
    print(f"   peak RSS, lanman report        {peak_rss(gnu_time, lanman_argv, env) / 1024:6.2f} MiB "
          f"({max(count // 10, 1)} reports: {peak_rss(gnu_time, tenth, env) / 1024:.2f} MiB)")
    print(f"   peak RSS, Python               {peak_rss(gnu_time, python_argv, env) / 1024:6.2f} MiB")


if __name__ == "__main__":
    main()
