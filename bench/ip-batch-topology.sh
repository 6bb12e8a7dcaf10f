#!/bin/sh
# The physical-limit proxy for `nslab sandbox --containers N`: the same topology (a
# docker0-like bridge, N network namespaces each with a veth pair, addresses, default
# routes) built with one `ip -batch` for all host-side work and one `ip -n NS -batch` per
# namespace, then one ping from c1 to cN. Run it only inside a sandbox of its own:
#   unshare --net --mount --pid --fork --mount-proc sh bench/ip-batch-topology.sh N
set -e
n=${1:?usage: ip-batch-topology.sh N}
[ "$(readlink /proc/self/ns/net)" != "$(readlink /proc/1/ns/net)" ] || [ "$$" = 1 ] || {
  echo "ip-batch-topology.sh: run me inside unshare --net --mount --pid --fork --mount-proc" >&2; exit 2; }
mount --make-rprivate /
mount -t tmpfs tmpfs /run   # private /run/netns for `ip netns add`
ip_of() { echo "172.17.$(( ($1 + 1) / 256 )).$(( ($1 + 1) % 256 ))"; }
{
  echo "link set lo up"
  echo "link add docker0 type bridge"
  echo "addr add 172.17.0.1/16 dev docker0"
  echo "link set docker0 up"
  i=1; while [ "$i" -le "$n" ]; do
    echo "netns add c$i"
    echo "link add veth$i type veth peer name eth0 netns c$i"
    echo "link set veth$i master docker0 up"
    i=$((i + 1))
  done
} | ip -batch -
i=1; while [ "$i" -le "$n" ]; do
  printf 'link set lo up\naddr add %s/16 dev eth0\nlink set eth0 up\nroute add default via 172.17.0.1\n' "$(ip_of "$i")" \
    | ip -n "c$i" -batch - &
  i=$((i + 1))
done
wait
# -W3, as on the other two sides (see bench/mininet-ping.py).
ip netns exec c1 ping -c1 -W3 "$(ip_of "$n")" >/dev/null
