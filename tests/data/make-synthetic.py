#!/usr/bin/env python3
"""Synthetic `net config` outputs in display languages lanman has no label table for.

These are NOT recordings. No real German or French capture of `net config` was found
(docs/windows.md#net-config-layout). They take the recorded en-US layout (line order, blank lines, TAB
transports, CRLF, labels padded to one column) and replace the labels and the Yes/No/Unlimited
words with invented ones, padded to a different column, in the OEM code page such a system
would use. They test that lanman reads an unknown language by structure, as docs/windows.md#labels says
net.exe prints it; they say nothing about the real wording of any translation.

Run from the repository root: python3 tests/data/make-synthetic.py
"""
import pathlib

HERE = pathlib.Path(__file__).resolve().parent


def render(lines, column):
    out = []
    for line in lines:
        if line is None:
            out.append("")
        elif isinstance(line, str):
            out.append(line)
        else:
            label, value = line
            out.append(label.ljust(column - 1) + value)
    return "\r\n".join(out) + "\r\n"


SERVER_DE = [
    ("Servername", "\\\\DESKTOP-8GB0J2A"),
    ("Serverkommentar", ""),
    None,
    ("Softwareversion", "Windows 10 Pro"),
    ("Server ist aktiv auf", ""),
    "\tNetbiosSmb (DESKTOP-8GB0J2A)",
    "\tNetBT_Tcpip_{EF22887A-91EF-4633-A2DE-7D088A3DEB47} (DESKTOP-8GB0J2A)",
    None,
    None,
    ("Server versteckt", "Nein"),
    ("Maximale Anzahl angemeldeter Benutzer", "Unbegrenzt"),
    ("Maximale Anzahl geöffneter Dateien pro Sitzung", "16384"),
    None,
    ("Leerlaufzeit der Sitzung (Min)", "-1"),
    "Der Befehl wurde erfolgreich ausgeführt.",
]

WORKSTATION_DE = [
    ("Computername", "\\\\PC1"),
    ("Vollständiger Computername", "pc1.corp.example"),
    ("Benutzername", "Hans Müller"),
    None,
    ("Arbeitsstation aktiv auf", ""),
    "\tNetBT_Tcpip_{FBBE6C05-C5CD-48F6-A739-2375485F5268} (000C294A5DC3)",
    None,
    ("Softwareversion", "Windows 10 Pro"),
    None,
    ("Arbeitsstationsdomäne", "CORP"),
    ("DNS-Name der Arbeitsstationsdomäne", "corp.example"),
    ("Anmeldedomäne", "CORP"),
    None,
    ("COM-Öffnungstimeout (Sek.)", "0"),
    ("COM-Sendeanzahl (Byte)", "16"),
    ("COM-Sendetimeout (ms)", "250"),
    "Der Befehl wurde erfolgreich ausgeführt.",
]

OPTIONAL_DE = ("Vollständiger Computername", "DNS-Name der Arbeitsstationsdomäne")

SERVER_FR = [
    ("Nom du serveur", "\\\\SRV-COMPTA"),
    ("Commentaire du serveur", "Comptabilité"),
    None,
    ("Version du logiciel", "Windows Server 2019 Standard"),
    ("Serveur actif sur", ""),
    "\tNetbiosSmb (SRV-COMPTA)",
    None,
    None,
    ("Serveur masqué", "Non"),
    ("Nombre maximal d'utilisateurs connectés", "16777216"),
    ("Nombre maximal de fichiers ouverts par session", "16384"),
    None,
    ("Durée de session inactive (min)", "15"),
    "La commande s'est terminée correctement.",
]


def write(name, text, encoding):
    (HERE / name).write_bytes(text.encode(encoding))
    print(name)


def main():
    write("synthetic-server-de.cp850.txt", render(SERVER_DE, 52), "cp850")
    write("synthetic-workstation-de.cp850.txt", render(WORKSTATION_DE, 45), "cp850")
    workgroup = [l for l in WORKSTATION_DE if not (isinstance(l, tuple) and l[0] in OPTIONAL_DE)]
    write("synthetic-workstation-de-workgroup.cp850.txt", render(workgroup, 45), "cp850")
    no_blank = [l for l in WORKSTATION_DE if l is not None]
    write("synthetic-workstation-de-no-blank-lines.cp850.txt", render(no_blank, 45), "cp850")
    write("synthetic-server-fr.cp850.txt", render(SERVER_FR, 50), "cp850")
    # The whole output pasted from a web page: every run of spaces collapsed to one.
    text = render(SERVER_DE, 52)
    write(
        "synthetic-server-de-collapsed.cp850.txt",
        "\r\n".join(" ".join(line.split()) for line in text.split("\r\n")),
        "cp850",
    )


if __name__ == "__main__":
    main()
