/*
 * bcryptprimitives.dll shim for the Wine test lane (.ci/windows-lane). Not shipped.
 *
 * Why: Rust's std (1.78+) gets its random bytes (HashMap seeds, ...) from ProcessPrng in
 * bcryptprimitives.dll and links it statically into every Windows binary's import table.
 * Wine 8 has no bcryptprimitives.dll, so every Rust test binary fails to load under Wine
 * ("Library bcryptprimitives.dll ... not found") before main. Real Windows (8+) has it.
 *
 * What: the one export std needs, implemented with RtlGenRandom (advapi32's
 * SystemFunction036), which Wine has. ProcessPrng's contract: fill the buffer, always
 * return TRUE. RtlGenRandom takes a ULONG length, so large requests are split.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -O2 -s -o bcryptprimitives.dll \
 *            bcryptprimitives.c bcryptprimitives.def -ladvapi32
 * The .def file keeps the export name undecorated and the DLL name exact.
 */
#include <windows.h>
#include <ntsecapi.h> /* RtlGenRandom = SystemFunction036 */

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!RtlGenRandom(data, chunk))
            return FALSE; /* not expected; std aborts on FALSE rather than use bad bytes */
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
