#!/bin/sh
# Mininet confined, for the benchmark: run me only as
#   unshare --net --mount --pid --fork --mount-proc sh bench/mininet-sandbox.sh N
# Mininet's cleanup kills processes by name and deletes /tmp/*.log, and its start-up raises
# global sysctls (fs.file-max, net.core.*mem_max, kernel.pty.max, …). So, before it runs:
# private tmpfs on /tmp and /run, /proc/sys read-only (its sysctl writes then fail, and
# Mininet 2.3 only warns "Error setting resource limits" and goes on, so no writable copy
# of any sysctl file is needed), and sysfs remounted for this network namespace (brctl).
set -e
n=${1:?usage: mininet-sandbox.sh N}
if [ "$$" != 1 ] && [ "$(readlink /proc/self/ns/net)" = "$(readlink /proc/1/ns/net)" ]; then
  echo "mininet-sandbox.sh: run me inside unshare --net --mount --pid --fork --mount-proc" >&2; exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
mount --make-rprivate /
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount --bind /proc/sys /proc/sys
mount -o remount,bind,ro /proc/sys
mount -t sysfs sysfs /sys
ip link set lo up
# Debian's python, where the mininet package lives (not a pyenv or venv one first on PATH).
exec /usr/bin/python3 "$here/mininet-ping.py" "$n"
