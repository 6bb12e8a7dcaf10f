// Identifiers shaped like Docker's: 64-hex ids shown as their 12-character prefix, veth
// names of `veth` + 7 hex, and generated names of the adjective_surname kind.
import { randomBytes } from 'node:crypto';

export function hex(chars: number): string {
  return randomBytes(Math.ceil(chars / 2)).toString('hex').slice(0, chars);
}

export const newId = (): string => hex(64);
export const shortId = (id: string): string => id.slice(0, 12);
/** The host end of a container's veth pair: Docker names it veth + 7 hex characters. */
export const vethName = (): string => `veth${hex(7)}`;
/** The container end exists under this name only until it is moved and renamed eth0. */
export const tempPeerName = (): string => `tmp${hex(7)}`;
/** A user-defined network's bridge: br- + the first 12 hex of the network id. */
export const bridgeNameFor = (networkId: string): string => `br-${shortId(networkId)}`;

const ADJECTIVES = ['admiring', 'brave', 'clever', 'dreamy', 'eager', 'focused', 'gifted', 'happy', 'jolly', 'keen', 'lucid', 'modest', 'nifty', 'quirky', 'sharp', 'vibrant'];
const SURNAMES = ['babbage', 'curie', 'dijkstra', 'euler', 'hopper', 'kare', 'lamport', 'lovelace', 'noether', 'pike', 'ritchie', 'shannon', 'thompson', 'torvalds', 'turing', 'wozniak'];

/** A name for a container run without --name, unused among `taken`. */
export function generatedName(taken: Set<string>): string {
  for (let i = 0; i < 1000; i++) {
    const pick = (xs: string[]) => xs[randomBytes(1)[0] % xs.length];
    const name = `${pick(ADJECTIVES)}_${pick(SURNAMES)}${i >= 200 ? i : ''}`;
    if (!taken.has(name)) return name;
  }
  return `container_${hex(8)}`;
}

/** Docker's rule for container names. */
export const VALID_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
