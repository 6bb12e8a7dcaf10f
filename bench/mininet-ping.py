# Mininet's side of the lab-scale benchmark: a single LinuxBridge switch with N hosts, no
# controller, no Open vSwitch; one ping from h1 to hN; then tear down. Exits 0 only if the
# ping was answered. Run through bench/mininet-sandbox.sh, never on the host directly.
import sys
from mininet.log import setLogLevel
from mininet.net import Mininet
from mininet.nodelib import LinuxBridge
from mininet.topo import SingleSwitchTopo

n = int(sys.argv[1])
setLogLevel('error')
net = Mininet(topo=SingleSwitchTopo(n), switch=LinuxBridge, controller=None)
net.start()
try:
    first, last = net.get('h1'), net.get('h%d' % n)
    # -W3, as on the other two sides: a bridge port the kernel has not yet enabled drops
    # the first ARP request, and the retry a second later must still count as an answer.
    out = first.cmd('ping -c1 -W3 %s' % last.IP())
finally:
    net.stop()
if ' 0% packet loss' not in out:
    sys.stderr.write('ping h1 -> h%d failed:\n%s' % (n, out))
    sys.exit(1)
