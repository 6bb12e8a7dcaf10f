// The values of the command-line options that say which lab to open and where to begin:
// read here once, for the CLI (commander) and for the entry point that opens a lab before
// the CLI has loaded (lab-setup/early-open.ts), so that both take exactly the same words.
import { argsText } from '../i18n/args-text.js';
import { CONTAINERS_MAX, PRESETS, type Preset } from './presets.js';

/** A value the option does not take; the message says what it does take. */
export class OptionValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OptionValueError';
  }
}

/** `--preset NAME`. */
export function parsePreset(v: string): Preset {
  if (!(PRESETS as readonly string[]).includes(v)) throw new OptionValueError(argsText().presetChoice(PRESETS.join(', '), v));
  return v as Preset;
}

/** `--containers N`: digits only (no "1e2", no "0x10"), at most CONTAINERS_MAX. */
export function parseContainers(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > CONTAINERS_MAX) throw new OptionValueError(argsText().containersRange(CONTAINERS_MAX, v));
  return n;
}

/** `--step N`: a step's number, from 1. */
export function parseStepNumber(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1) throw new OptionValueError(argsText().stepNumber(v));
  return n;
}

/** The value, or undefined where the option does not take it. */
export function valueOrUndefined<T>(parse: (v: string) => T, v: string): T | undefined {
  try {
    return parse(v);
  } catch (e) {
    if (e instanceof OptionValueError) return undefined;
    throw e;
  }
}
