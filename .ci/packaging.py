#!/usr/bin/env python3
"""Fill the winget and Scoop manifest templates in packaging/ and check what comes out.

    python3 .ci/packaging.py --version V --sha256 HEX --url URL --autoupdate-url URL \
        --homepage URL --out DIR

Writes DIR/winget/manifests/l/lanman/lanman/V/*.yaml (the layout of microsoft/winget-pkgs) and
DIR/scoop/lanman.json, then parses every file it wrote (YAML with PyYAML, JSON with json) and
checks the fields winget and Scoop need: every placeholder filled, the same identifier and
version everywhere, the zip's URL and SHA-256, a portable lanman.exe with the alias lanman, x64.
.ci/release runs it with the Python of target/ci-venv (.ci/venv), which has PyYAML.
"""

import argparse
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEMPLATES = os.path.join(ROOT, "packaging")
PLACEHOLDER = re.compile(r"\{\{([A-Z0-9_]+)\}\}")
SHA256 = re.compile(r"^[A-Fa-f0-9]{64}$")
# From the winget 1.10.0 schemas.
PACKAGE_IDENTIFIER = re.compile(
    r'^[^\.\s\\/:\*\?"<>\|\x01-\x1f]{1,32}(\.[^\.\s\\/:\*\?"<>\|\x01-\x1f]{1,32}){1,7}$'
)
URL = re.compile(r"^[Hh][Tt][Tt][Pp][Ss]?://.+$")
MANIFEST_VERSION = re.compile(r"^\d+\.\d+\.\d+$")

errors = []


def check(ok, message):
    if not ok:
        errors.append(message)


def fill(path, values):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # Lines starting with "##" describe the template: they are not copied.
    text = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("##"))
    unknown = sorted(set(PLACEHOLDER.findall(text)) - set(values))
    if unknown:
        sys.exit(f"packaging: {path}: unknown placeholders {unknown}")
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], text)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def check_winget(docs, args, zip_name):
    version, installer, locale = (docs[k] for k in ("version", "installer", "defaultLocale"))
    for kind, doc in docs.items():
        where = f"winget {kind} manifest"
        check(isinstance(doc, dict), f"{where}: not a mapping")
        if not isinstance(doc, dict):
            return
        check(doc.get("ManifestType") == kind, f"{where}: ManifestType is {doc.get('ManifestType')!r}")
        mv = doc.get("ManifestVersion", "")
        check(MANIFEST_VERSION.match(mv) and tuple(map(int, mv.split("."))) >= (1, 6, 0),
              f"{where}: ManifestVersion {mv!r} is not 1.6.0 or later")
        check(mv == version.get("ManifestVersion"), f"{where}: ManifestVersion differs between files")
        check(PACKAGE_IDENTIFIER.match(doc.get("PackageIdentifier", "")),
              f"{where}: bad PackageIdentifier {doc.get('PackageIdentifier')!r}")
        check(doc.get("PackageIdentifier") == version.get("PackageIdentifier"),
              f"{where}: PackageIdentifier differs between files")
        check(doc.get("PackageVersion") == args.version,
              f"{where}: PackageVersion is {doc.get('PackageVersion')!r}, not {args.version!r}")
    check(version.get("DefaultLocale") == locale.get("PackageLocale"),
          "winget: the version manifest's DefaultLocale is not the defaultLocale manifest's PackageLocale")
    for key in ("Publisher", "PackageName", "License", "ShortDescription"):
        check(locale.get(key), f"winget defaultLocale manifest: {key} missing")
    check(len(locale.get("ShortDescription", "")) <= 256, "winget: ShortDescription over 256 characters")
    check(URL.match(locale.get("PackageUrl", "")), "winget: PackageUrl is not an http(s) URL")

    check(installer.get("InstallerType") == "zip", "winget installer: InstallerType is not zip")
    check(installer.get("NestedInstallerType") == "portable",
          "winget installer: NestedInstallerType is not portable")
    check(installer.get("NestedInstallerFiles") ==
          [{"RelativeFilePath": "lanman.exe", "PortableCommandAlias": "lanman"}],
          "winget installer: NestedInstallerFiles is not lanman.exe with the alias lanman")
    installers = installer.get("Installers") or []
    check(len(installers) == 1, "winget installer: expected exactly one entry in Installers")
    for entry in installers:
        check(entry.get("Architecture") == "x64", "winget installer: Architecture is not x64")
        url = entry.get("InstallerUrl", "")
        check(URL.match(url) and len(url) <= 2048, f"winget installer: bad InstallerUrl {url!r}")
        check(url == args.url and url.endswith("/" + zip_name),
              f"winget installer: InstallerUrl {url!r} is not --url ending in /{zip_name}")
        sha = entry.get("InstallerSha256", "")
        check(SHA256.match(sha) and sha.lower() == args.sha256.lower(),
              "winget installer: InstallerSha256 is not the zip's SHA-256")


def check_scoop(doc, args, zip_name):
    where = "scoop manifest"
    check(doc.get("version") == args.version, f"{where}: version is {doc.get('version')!r}")
    for key in ("description", "homepage", "license", "bin"):
        check(doc.get(key), f"{where}: {key} missing")
    check(doc.get("license") == "MIT|Apache-2.0", f"{where}: license is {doc.get('license')!r}")
    check(doc.get("bin") == "lanman.exe", f"{where}: bin is not lanman.exe")
    x64 = doc.get("architecture", {}).get("64bit", {})
    check(x64.get("url") == args.url and x64.get("url", "").endswith("/" + zip_name),
          f"{where}: architecture.64bit.url is not --url ending in /{zip_name}")
    check(SHA256.match(x64.get("hash", "")) and x64.get("hash") == args.sha256.lower(),
          f"{where}: architecture.64bit.hash is not the zip's SHA-256 (lower case)")
    auto = doc.get("autoupdate", {}).get("architecture", {}).get("64bit", {}).get("url", "")
    check("$version" in auto and auto.replace("$version", args.version) == args.url,
          f"{where}: autoupdate URL {auto!r} does not give the zip's URL for this version")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("version", "sha256", "url", "autoupdate-url", "homepage", "out"):
        p.add_argument("--" + name, required=True)
    args = p.parse_args()
    try:
        import yaml
    except ImportError:
        sys.exit("packaging: PyYAML is missing: run with the Python of target/ci-venv (bash .ci/venv)")

    check(SHA256.match(args.sha256), "--sha256 is not 64 hex digits")
    zip_name = f"lanman-{args.version}-x86_64-pc-windows-gnu.zip"
    values = {
        "VERSION": args.version,
        "URL": args.url,
        "HOMEPAGE": args.homepage,
        "AUTOUPDATE_URL": args.autoupdate_url,
    }

    winget_dir = os.path.join(args.out, "winget", "manifests", "l", "lanman", "lanman", args.version)
    kinds = {"lanman.lanman.yaml": "version", "lanman.lanman.installer.yaml": "installer",
             "lanman.lanman.locale.en-US.yaml": "defaultLocale"}
    docs = {}
    for name, kind in kinds.items():
        # winget-pkgs writes hashes in upper case, Scoop in lower case.
        text = fill(os.path.join(TEMPLATES, "winget", name), {**values, "SHA256": args.sha256.upper()})
        check(not PLACEHOLDER.search(text), f"winget {name}: a placeholder is left")
        out = os.path.join(winget_dir, name)
        write(out, text)
        # BaseLoader: every scalar stays a string, as winget reads them (a version 1.10 is not
        # a number).
        docs[kind] = yaml.load(text, Loader=yaml.BaseLoader)
        print(f"packaging: wrote {os.path.relpath(out)}")
    check_winget(docs, args, zip_name)

    text = fill(os.path.join(TEMPLATES, "scoop", "lanman.json"), {**values, "SHA256": args.sha256.lower()})
    check(not PLACEHOLDER.search(text), "scoop lanman.json: a placeholder is left")
    out = os.path.join(args.out, "scoop", "lanman.json")
    write(out, text)
    print(f"packaging: wrote {os.path.relpath(out)}")
    try:
        check_scoop(json.loads(text), args, zip_name)
    except json.JSONDecodeError as e:
        check(False, f"scoop lanman.json does not parse: {e}")

    if errors:
        for e in errors:
            print(f"packaging: error: {e}", file=sys.stderr)
        sys.exit(1)
    print("packaging: the winget and Scoop manifests parse and name this zip, version and hash")


if __name__ == "__main__":
    main()
