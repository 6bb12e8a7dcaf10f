#!/usr/bin/env python3
"""Runs a command on a new pseudo-terminal, for `nslab serve` where @lydell/node-pty cannot load.

usage: pty-helper.py COLS ROWS FILE [ARG...]

The process Node started becomes the command itself (it execs FILE on the terminal), so the
pid, the exit status and the signals Node sends are the command's own, as with node-pty.
Before that it forks a relay, detached twice so that the command never sees it as a child
(a program that waits for all its children would otherwise wait for the relay, which waits
for it). The relay holds the terminal's master side and copies:
  stdin -> terminal input, terminal output -> stdout,
  fd 3: lines "COLS ROWS" -> TIOCSWINSZ (the kernel then sends SIGWINCH to the program).
It reads the terminal only once its last chunk is written to stdout, so a reader that stops
reading (Node's pause()) stops the relay, and the full terminal stops the program: memory
stays bounded however much the program writes. Input and resizes are still served meanwhile
(Ctrl-C must reach a flooding program). When stdin closes or the relay gets SIGTERM, it
ends the command and hangs up the terminal.
"""
import errno
import fcntl
import os
import select
import signal
import struct
import sys
import termios
import traceback

CONTROL_FD = 3
CHUNK = 65536
CONTROL_LINE_MAX = 64
TIOCGSID = getattr(termios, 'TIOCGSID', 0x5429)  # Linux's value: python lacks the name


class HangUp(Exception):
    def __init__(self, reader_gone=False):
        super().__init__()
        self.reader_gone = reader_gone


def set_size(fd, cols, rows):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))


def parse_size(line):
    """(cols, rows) from b"COLS ROWS", or None for anything else (ignored, never fatal)."""
    parts = line.split()
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return None
    cols, rows = int(parts[0]), int(parts[1])
    if not (1 <= cols <= 65535 and 1 <= rows <= 65535):
        return None
    return cols, rows


def command_alive(master, command_pid):
    """Whether the command still leads the terminal's session. Once it is gone its pid may
    belong to a stranger: only this says it is still ours to signal."""
    try:
        return struct.unpack('i', fcntl.ioctl(master, TIOCGSID, b'\0' * 4))[0] == command_pid
    except OSError:
        return False


def drain(master, out):
    """Copy what is still unsent, and what the terminal holds now, to stdout (Node closes
    our stdin as soon as the command exits, maybe before its last words were relayed)."""
    os.set_blocking(1, True)
    while True:
        while out:
            out = out[os.write(1, out):]
        try:
            out = os.read(master, CHUNK)
        except OSError:  # EIO: nobody holds the terminal; EAGAIN: a background job does
            return
        if not out:
            return


def end_command(master, command_pid, out, reader_gone):
    if command_alive(master, command_pid):
        os.kill(command_pid, signal.SIGTERM)
    elif not reader_gone:
        try:
            drain(master, out)
        except OSError:
            pass
    os.close(master)  # the hang-up: SIGHUP to whatever still holds the terminal


def relay(master, command_pid):
    os.setsid()  # out of Node's process group: a Ctrl-C meant for Node is not for the relay

    def on_term(_signum, _frame):
        raise HangUp()

    signal.signal(signal.SIGTERM, on_term)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    for fd in (0, 1, master):
        os.set_blocking(fd, False)
    try:
        os.set_blocking(CONTROL_FD, False)
        control = CONTROL_FD
    except OSError:
        control = None

    out = b''      # read from the terminal, not yet on stdout
    pending = b''  # read from stdin, not yet on the terminal
    ctl = b''
    try:
        while True:
            readers, writers = [0], []
            if out:
                writers.append(1)
            else:
                readers.append(master)
            if pending:
                writers.append(master)
                readers.remove(0)  # one chunk of input at a time
            if control is not None:
                readers.append(control)
            readable, writable, _ = select.select(readers, writers, [])

            if master in readable:
                try:
                    out = os.read(master, CHUNK)
                except OSError as e:
                    if e.errno != errno.EIO:
                        raise
                    out = b''
                if not out:
                    return  # every holder of the terminal is gone
            if 1 in writable:
                try:
                    out = out[os.write(1, out):]
                except BlockingIOError:
                    pass
                except BrokenPipeError:
                    raise HangUp(reader_gone=True)
            # Before input: a resize sent ahead of a line must apply before the line runs.
            if control is not None and control in readable:
                data = os.read(control, 4096)
                if not data:
                    os.close(control)
                    control = None
                ctl += data
                while b'\n' in ctl:
                    line, ctl = ctl.split(b'\n', 1)
                    size = parse_size(line)
                    if size:
                        set_size(master, *size)
                if len(ctl) > CONTROL_LINE_MAX:
                    ctl = b''
            if 0 in readable:
                data = os.read(0, CHUNK)
                if not data:
                    raise HangUp()
                pending = data
            if pending:  # at once, not next round: input keeps its order with resizes
                try:
                    pending = pending[os.write(master, pending):]
                except BlockingIOError:
                    pass
                except OSError as e:
                    if e.errno != errno.EIO:
                        raise
                    pending = b''
    except HangUp as e:
        end_command(master, command_pid, out, e.reader_gone)


def run_command(slave, argv):
    os.setsid()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    for fd in (0, 1, 2):
        os.dup2(slave, fd)
    if slave > 2:
        os.close(slave)
    try:
        os.close(CONTROL_FD)
    except OSError:
        pass
    # Python ignores these itself; an exec'd program must start with the defaults.
    for sig in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGINT):
        signal.signal(sig, signal.SIG_DFL)
    try:
        os.execvp(argv[0], argv)
    except OSError as e:
        os.write(2, f'pty-helper: cannot run {argv[0]}: {e.strerror}\r\n'.encode())
        os._exit(127)


def main():
    if len(sys.argv) < 4 or not parse_size(f'{sys.argv[1]} {sys.argv[2]}'.encode()):
        sys.stderr.write('usage: pty-helper.py COLS ROWS FILE [ARG...]\n')
        sys.exit(2)
    cols, rows = int(sys.argv[1]), int(sys.argv[2])
    master, slave = os.openpty()
    attrs = termios.tcgetattr(slave)
    attrs[0] |= getattr(termios, 'IUTF8', 0o40000)  # line-mode erase of whole UTF-8 characters, as node-pty (Linux's value: python < 3.13 lacks the name)
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    set_size(slave, cols, rows)
    command_pid = os.getpid()
    first = os.fork()
    if first == 0:
        os.close(slave)  # the relay must not hold it, or the end of the command never shows
        code = 0
        try:
            if os.fork() == 0:
                relay(master, command_pid)
        except Exception:
            traceback.print_exc()
            code = 1
        os._exit(code)
    os.waitpid(first, 0)
    os.close(master)
    run_command(slave, sys.argv[3:])


if __name__ == '__main__':
    main()
