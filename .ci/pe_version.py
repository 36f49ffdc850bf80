#!/usr/bin/env python3
"""Print the version resource (VS_VERSIONINFO) of a Windows PE file, and check its strings.

    python3 .ci/pe_version.py FILE.exe [KEY=VALUE ...]

Prints the fixed file and product versions and every StringFileInfo string, one per line, as
Explorer's Properties > Details and inventory tools read them. Exits 1 when the file has no
version resource or a KEY=VALUE given on the command line does not match (the key is missing
or its value differs). Standard library only: .ci/release runs it without network.
"""

import struct
import sys

RT_VERSION = 16


def fail(message):
    print(f"pe_version: {message}", file=sys.stderr)
    sys.exit(1)


class PE:
    def __init__(self, data):
        self.data = data
        if data[:2] != b"MZ":
            fail("not a PE file (no MZ header)")
        pe = struct.unpack_from("<I", data, 0x3C)[0]
        if data[pe : pe + 4] != b"PE\0\0":
            fail("not a PE file (no PE signature)")
        nsections, = struct.unpack_from("<H", data, pe + 6)
        opt_size, = struct.unpack_from("<H", data, pe + 20)
        opt = pe + 24
        magic, = struct.unpack_from("<H", data, opt)
        # Data directories: after 96 (PE32) or 112 (PE32+) bytes of the optional header.
        dirs = opt + (112 if magic == 0x20B else 96)
        self.res_rva, self.res_size = struct.unpack_from("<II", data, dirs + 2 * 8)
        self.sections = []
        for i in range(nsections):
            s = opt + opt_size + 40 * i
            vsize, va, rawsize, rawptr = struct.unpack_from("<IIII", data, s + 8)
            self.sections.append((va, max(vsize, rawsize), rawptr))

    def offset(self, rva):
        for va, size, rawptr in self.sections:
            if va <= rva < va + size:
                return rawptr + rva - va
        fail(f"RVA {rva:#x} is in no section")

    def resources(self, type_id):
        """Yields the bytes of every resource of the given numeric type (all names, languages)."""
        if not self.res_rva:
            return
        base = self.offset(self.res_rva)

        def walk(dir_off, depth, want):
            named, ids = struct.unpack_from("<HH", self.data, base + dir_off + 12)
            for i in range(named + ids):
                name, target = struct.unpack_from("<II", self.data, base + dir_off + 16 + 8 * i)
                if want is not None and name != want:
                    continue
                if target & 0x80000000:
                    yield from walk(target & 0x7FFFFFFF, depth + 1, None)
                else:
                    rva, size = struct.unpack_from("<II", self.data, base + target)
                    start = self.offset(rva)
                    yield self.data[start : start + size]

        yield from walk(0, 0, type_id)


def align4(n):
    return (n + 3) & ~3


def parse_node(buf, off):
    """One VS_VERSIONINFO/StringFileInfo/StringTable/String node: (key, value, children)."""
    length, value_len, vtype = struct.unpack_from("<HHH", buf, off)
    end = off + length
    p = off + 6
    key_end = p
    while buf[key_end : key_end + 2] != b"\0\0":
        key_end += 2
    key = buf[p:key_end].decode("utf-16-le")
    p = align4(key_end + 2)
    if vtype == 1:  # text: wValueLength counts UTF-16 code units, including the terminator
        value = buf[p : p + 2 * value_len].decode("utf-16-le").rstrip("\0")
        p += 2 * value_len
    else:
        value = buf[p : p + value_len]
        p += value_len
    children = []
    p = align4(p)
    while p < end:
        child, p_next = parse_node(buf, p)
        children.append(child)
        if p_next <= p:
            break
        p = align4(p_next)
    return (key, value, children), end


def version_of(ms, ls):
    return f"{ms >> 16}.{ms & 0xFFFF}.{ls >> 16}.{ls & 0xFFFF}"


def main():
    if len(sys.argv) < 2:
        fail("usage: pe_version.py FILE.exe [KEY=VALUE ...]")
    with open(sys.argv[1], "rb") as f:
        pe = PE(f.read())
    blobs = list(pe.resources(RT_VERSION))
    if not blobs:
        fail(f"{sys.argv[1]} has no version resource")
    (key, fixed, children), _ = parse_node(blobs[0], 0)
    if key != "VS_VERSION_INFO":
        fail(f"unexpected version resource key {key!r}")
    strings = {}
    if len(fixed) >= 52:
        sig, _, fms, fls, pms, pls = struct.unpack_from("<6I", fixed, 0)
        if sig == 0xFEEF04BD:
            print(f"FILEVERSION       {version_of(fms, fls)}")
            print(f"PRODUCTVERSION    {version_of(pms, pls)}")
    for name, _, tables in children:
        if name != "StringFileInfo":
            continue
        for lang, _, entries in tables:
            print(f"StringTable       {lang}")
            for k, v, _ in entries:
                print(f"  {k:<16} {v}")
                strings.setdefault(k, v)
    bad = 0
    for want in sys.argv[2:]:
        k, _, v = want.partition("=")
        if strings.get(k) != v:
            print(f"pe_version: {k} is {strings.get(k)!r}, expected {v!r}", file=sys.stderr)
            bad += 1
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
