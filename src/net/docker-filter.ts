// Docker's filter table for its bridges (as Docker 20–27 writes it), as rule text: every
// bridge network gets four FORWARD rules (replies in, DOCKER for published ports, out, and
// between its own containers), and two isolation rules: whatever comes in by one Docker
// bridge and leaves by another is dropped. Pure, and below both the runtime (which adds a
// bridge's rules, src/runtime/isolation.ts) and the lab's presets (which write the daemon's
// start): neither imports the other.

export const STAGE1 = 'DOCKER-ISOLATION-STAGE-1';
export const STAGE2 = 'DOCKER-ISOLATION-STAGE-2';
export const USER_CHAIN = 'DOCKER-USER';
/** Docker's filter chains, in the order `iptables -S` lists them. */
export const FILTER_CHAINS = ['DOCKER', STAGE1, STAGE2, USER_CHAIN] as const;

/** A bridge's FORWARD rules, in the order they stand in the chain. */
export function forwardRules(bridge: string): string[] {
  return [
    `-o ${bridge} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
    `-o ${bridge} -j DOCKER`,
    `-i ${bridge} ! -o ${bridge} -j ACCEPT`,
    `-i ${bridge} -o ${bridge} -j ACCEPT`,
  ];
}

export const stage1Rule = (bridge: string): string => `-i ${bridge} ! -o ${bridge} -j ${STAGE2}`;
export const stage2Rule = (bridge: string): string => `-o ${bridge} -j DROP`;

/** The filter table at "daemon start", with the default bridge's rules: iptables-restore
 * input for a fresh lab. */
export function daemonFilterRules(bridge: string): string {
  return [
    '*filter',
    ':FORWARD ACCEPT [0:0]',
    ...FILTER_CHAINS.map((c) => `:${c} - [0:0]`),
    `-A FORWARD -j ${USER_CHAIN}`,
    `-A FORWARD -j ${STAGE1}`,
    ...forwardRules(bridge).map((r) => `-A FORWARD ${r}`),
    `-A ${STAGE1} ${stage1Rule(bridge)}`,
    `-A ${STAGE1} -j RETURN`,
    `-A ${STAGE2} ${stage2Rule(bridge)}`,
    `-A ${STAGE2} -j RETURN`,
    `-A ${USER_CHAIN} -j RETURN`,
    'COMMIT',
    '',
  ].join('\n');
}
