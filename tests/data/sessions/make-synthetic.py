#!/usr/bin/env python3
"""Synthetic `net session` and `net statistics` outputs: NOT recordings.

No localized paste of `net session` (with sessions) or `net statistics` was found
(docs/windows.md#net-session, #net-statistics). These files take the layout of the recorded
English outputs in fixtures/sessions/ (net.exe's fixed row columns, the dash rule, the counter
order and blank-line groups, CRLF) and put invented labels, unit letters, time separators and
names into it, in the encodings such systems use. They test that lanman reads what it cannot
know the words of by structure; they say nothing about the real wording of any translation.

Run from the repository root: python3 tests/data/sessions/make-synthetic.py
"""
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
RULE = "-" * 79


def row(computer, user, client_type, opens, idle):
    # net.exe's row format, as the recorded English rows have it: \\%-21s%-21s%-17s%6u %-12s
    return "\\\\" + computer.ljust(21) + user.ljust(21) + client_type.ljust(17) + str(opens).rjust(6) + " " + idle


def write(name, lines, encoding, bom=False):
    text = "\r\n".join(lines) + "\r\n"
    data = text.encode(encoding)
    if bom:
        data = b"\xff\xfe" + data
    (HERE / name).write_bytes(data)


# German-like: invented header, `.` as the time separator, day letters T/S/M, a three-digit
# day count, an anonymous session with a client type, a client name that fills its column
# (and so runs into the user name), trailing spaces as Windows XP pads the idle column.
write(
    "synthetic-session-de.cp850.txt",
    [
        "",
        "Computer               Benutzername         Clienttyp         Offen Leerlaufzeit",
        "",
        RULE,
        row("10.0.0.21", "anna", "", 0, "00.14.59"),
        row("10.0.0.22", "", "Windows 2002 Serv", 0, "00.00.31") + "    ",
        row("ARBEITSPLATZ-MUELLER1", "jürgen.müller", "", 3, "05T 22S 02M"),
        row("[fe80::1c2d:3e4f:5a6b", "svc-backup", "", 1, "100T 03S 00M"),
        row("PC07", "grete", "", 0, "23.59.59"),
        "Der Befehl wurde erfolgreich ausgeführt.",
        "",
    ],
    "cp850",
)

# Japanese-like, saved by Windows PowerShell 5.1 (UTF-16LE with BOM): a CJK user name (net.exe
# pads to display width, docs/windows.md#net-session), the day letters 日/時/分, no blank
# line after the header, no success line (a cut capture).
write(
    "synthetic-session-ja.utf16le.txt",
    [
        "コンピューター         ユーザー名           クライアントの種類 オープン アイドル時間",
        RULE,
        "\\\\PC-TOKYO-01          " + "山田太郎" + " " * 13 + " " * 17 + "     2 01日 00時 05分",
        row("PC-TOKYO-02", "suzuki", "", 0, "00:09:00"),
    ],
    "utf-16-le",
    bom=True,
)

# A web-page paste of an English output: runs of spaces collapsed, blank lines lost, a user
# name with a space, an anonymous session.
write(
    "synthetic-session-en-collapsed.txt",
    [
        "Computer User name Client Type Opens Idle time",
        RULE,
        "\\\\FS-CLIENT-7 Jane Doe 0 00:03:12",
        "\\\\10.1.1.9 0 00:00:40",
        "\\\\LAPTOP42 bob 12 02D 04H 10M",
        "The command completed successfully.",
    ],
    "ascii",
)

# "No entries" in a language lanman has no sentence for: one line, read by its shape.
write("synthetic-session-none-fr.cp850.txt", ["Il n'y a pas d'entrées dans la liste."], "cp850")

# Server statistics with invented French labels padded to column 45 (the English column is
# 35); the French success line is a recorded one (fixtures/lists/use-fr-1.txt).
SERVER_FR = [
    ["Sessions acceptées", "Sessions expirées", "Sessions en erreur"],
    ["Kilo-octets envoyés", "Kilo-octets reçus"],
    ["Temps de réponse moyen (ms)"],
    ["Erreurs système", "Violations d'autorisation", "Violations de mot de passe"],
    ["Fichiers ouverts", "Périphériques de communication ouverts", "Travaux d'impression"],
]
values = iter([12, 3, 5, 4096, 77, 0, 0, 1, 0, 40, 0, 0, 0, 0])
lines = ["Statistiques du serveur pour \\\\SRV-FICHIERS", "", "", "Statistiques depuis 03/04/2024 07:15:09", "", ""]
for group in SERVER_FR:
    for label in group:
        lines.append(label.ljust(44) + str(next(values)))
    lines.append("")
lines += ["Nombre de fois où les tampons ont été épuisés", "", "  Grands tampons".ljust(44) + str(next(values)), "  Tampons de requêtes".ljust(44) + str(next(values)), "", "La commande s'est terminée correctement.", ""]
write("synthetic-stats-server-fr.cp850.txt", lines, "cp850")

# Workstation statistics with invented German labels at column 52, all indented by two, and
# every blank line lost (a paste); the date in year-first order.
WORKSTATION_DE = [
    "Empfangene Bytes", "Empfangene SMBs", "Übertragene Bytes", "Übertragene SMBs",
    "Lesevorgänge", "Schreibvorgänge", "Verweigerte Rohlesevorgänge", "Verweigerte Rohschreibvorgänge",
    "Netzwerkfehler", "Hergestellte Verbindungen", "Wiederhergestellte Verbindungen", "Serverseitige Trennungen",
    "Gestartete Sitzungen", "Blockierte Sitzungen", "Fehlgeschlagene Sitzungen", "Fehlgeschlagene Vorgänge",
    "Anzahl der Verwendungen", "Anzahl fehlgeschlagener Verwendungen",
]
lines = ["Arbeitsstationsstatistik für \\\\PC-BUERO", "Statistik seit 2024-11-30 23:05:00"]
for i, label in enumerate(WORKSTATION_DE):
    lines.append(("  " + label).ljust(51) + str(1000 + i))
lines.append("Der Befehl wurde erfolgreich ausgeführt.")
write("synthetic-stats-workstation-de.cp850.txt", lines, "cp850")
