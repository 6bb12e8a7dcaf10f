// placeholder
import type { RuntimeState } from './state.js';
export function withSwarmNetworks(s: RuntimeState): RuntimeState { return s; }
