#!/usr/bin/env python3
"""Writes the synthetic event XML of tests/data/events/ (see tests/data/README.md).

The element layout follows the Event schema and the recorded events in fixtures/events/; the
EventData field names and their order are the manifests' as the OTRF/OSSEM data dictionaries
list them (docs/windows.md#smb-client-events, #non-idle-drops). Names, times and values are
invented. Run from this folder: python3 make-synthetic-events.py
"""

NS = 'http://schemas.microsoft.com/win/2004/08/events/event'


def ev(provider, guid, eid, ver, level, time, rec, channel, data, computer='PC1.corp.example.com'):
    g = f' Guid="{guid}"' if guid else ''
    d = ''.join(f'<Data Name="{k}">{v}</Data>' if v != '' else f'<Data Name="{k}"/>' for k, v in data)
    return (f'<Event xmlns="{NS}"><System><Provider Name="{provider}"{g}/><EventID>{eid}</EventID>'
            f'<Version>{ver}</Version><Level>{level}</Level><Task>0</Task><Opcode>0</Opcode>'
            f'<Keywords>0x4000000000000000</Keywords><TimeCreated SystemTime="{time}"/>'
            f'<EventRecordID>{rec}</EventRecordID><Correlation/><Execution ProcessID="4" ThreadID="120"/>'
            f'<Channel>{channel}</Channel><Computer>{computer}</Computer><Security/></System>'
            f'<EventData>{d}</EventData></Event>')


SMB = ('Microsoft-Windows-SMBClient', '{988c59c5-0a1c-45b6-a555-0c62276e327d}')
CH = 'Microsoft-Windows-SMBClient/Connectivity'
ADDR = '0200BD01C0A80A0A0000000000000000'  # a sockaddr_in: 192.168.10.10 port 445
SMB_EVENTS = [
    ev(*SMB, 30804, 0, 2, '2026-12-01T10:31:59.1234567Z', 101, CH, [('Reason', '2'), ('Status', '3221225996'), ('ServerNameLength', '5'), ('ServerName', '\\fs01'), ('AddressLength', '16'), ('Address', ADDR), ('ConnectionType', '1')]),
    ev(*SMB, 30805, 2, 3, '2026-12-01T10:32:00.2345678Z', 102, CH, [('Status', '3221225996'), ('SessionId', '8796093022277'), ('TreeId', '0'), ('ServerNameLength', '5'), ('ServerName', '\\fs01'), ('AddressLength', '16'), ('Address', ADDR)]),
    ev(*SMB, 30807, 2, 3, '2026-12-01T10:32:05.3456789Z', 103, CH, [('Status', '3221225996'), ('SessionId', '8796093022277'), ('TreeId', '5'), ('ServerNameLength', '10'), ('ServerName', '\\fs01\\data'), ('AddressLength', '16'), ('Address', ADDR)]),
    ev(*SMB, 30806, 2, 4, '2026-12-01T10:33:06.4567891Z', 104, CH, [('Status', '0'), ('SessionId', '8796093022281'), ('TreeId', '0'), ('ServerNameLength', '5'), ('ServerName', '\\fs01'), ('AddressLength', '16'), ('Address', ADDR)]),
    ev(*SMB, 30808, 2, 4, '2026-12-01T10:33:06.5678912Z', 105, CH, [('Status', '0'), ('SessionId', '8796093022281'), ('TreeId', '9'), ('ServerNameLength', '10'), ('ServerName', '\\fs01\\data'), ('AddressLength', '16'), ('Address', ADDR)]),
    ev(*SMB, 30809, 0, 2, '2026-12-01T11:15:42.0000001Z', 106, CH, [('Smb2Command', '8'), ('MessageId', '1234'), ('SessionId', '8796093022301'), ('TreeId', '1'), ('ServerNameLength', '5'), ('ServerName', '\\fs02'), ('Status', '3221225653'), ('InstanceNameLength', '0'), ('InstanceName', ''), ('RetryCount', '0'), ('ElapsedTimeInMs', '60000')]),
]
KP = ('Microsoft-Windows-Kernel-Power', '{331c3b3a-2005-44c2-ac5e-77220c37d6b4}')
POWER_EVENTS = [
    ev(*KP, 42, 3, 4, '2026-12-01T09:00:00.5000000Z', 2001, 'System', [('TargetState', '4'), ('EffectiveState', '4'), ('Reason', '7'), ('Flags', '0'), ('TransitionsToOn', '3')]),
    ev('Microsoft-Windows-Power-Troubleshooter', None, 1, 3, 4, '2026-12-01T10:28:00.7000000Z', 2002, 'System', [('SleepTime', '2026-12-01T09:00:01.1000000Z'), ('WakeTime', '2026-12-01T10:27:58.2000000Z'), ('SleepDuration', '1200'), ('WakeDuration', '900'), ('WakeSourceType', '5'), ('WakeSourceTextLength', '0'), ('WakeSourceText', '')]),
    ev(*KP, 107, 1, 4, '2026-12-01T10:28:00.1000000Z', 2003, 'System', [('TargetState', '4'), ('EffectiveState', '4'), ('WakeFromState', '4')]),
]
NP = ('Microsoft-Windows-NetworkProfile', '{fbcfac3f-8459-419f-8e48-1f0b49cdb85e}')
NCH = 'Microsoft-Windows-NetworkProfile/Operational'
NETWORK_EVENTS = [
    ev(*NP, 10001, 0, 4, '2026-12-01T09:00:00.1000000Z', 301, NCH, [('Name', 'corp.example.com'), ('Description', 'corp.example.com'), ('Guid', '{8E4162AD-6500-4899-BA95-24051405E207}'), ('Type', '0'), ('State', '0'), ('Category', '2')]),
    ev(*NP, 10000, 0, 4, '2026-12-01T10:29:10.0000000Z', 302, NCH, [('Name', 'corp.example.com'), ('Description', 'corp.example.com'), ('Guid', '{8E4162AD-6500-4899-BA95-24051405E207}'), ('Type', '0'), ('State', '1'), ('Category', '2')]),
]


def write(name, events):
    """Newest first (/rd:true), one event per line, CRLF: an assumed layout, not a recorded one."""
    events = sorted(events, key=lambda e: e.split('SystemTime="')[1][:30], reverse=True)
    with open(name, 'w', newline='') as f:
        f.write('\r\n'.join(events) + '\r\n')


write('synthetic-smb-connectivity.xml', SMB_EVENTS)
write('synthetic-system-power.xml', POWER_EVENTS)
write('synthetic-network-profile.xml', NETWORK_EVENTS)
