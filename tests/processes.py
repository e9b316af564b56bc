"""The processes a command left behind: everything it started is in the session it was started in
(``start_new_session=True``), so what is still alive there once it has exited was left behind. And how
to start a command that Ctrl-C can reach wherever the tests run."""

import signal
from pathlib import Path
from typing import List


def as_in_a_terminal() -> None:
    """Ctrl-C as a terminal's foreground command gets it (a ``preexec_fn``): a shell's background job
    (``nohup ... &``) starts with SIGINT ignored, which its children inherit, and then nothing interrupts
    the run."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def session_members(session: int) -> List[str]:
    """The live processes of a session, as "PID command" (Linux: from /proc)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = _fields(stat)
        if int(fields[3]) == session and fields[0] != "Z":
            members.append(f"{entry.name} {command.strip()[:200]}")
    return members


def parent_of(pid: int) -> int:
    """The process id of ``pid``'s parent (Linux: from /proc)."""
    return int(_fields(Path(f"/proc/{pid}/stat").read_text())[1])


def _fields(stat: str) -> List[str]:
    """The fields of a /proc/PID/stat line after the command's name (which may hold spaces): state, ppid..."""
    return stat[stat.rindex(")") + 2 :].split()
