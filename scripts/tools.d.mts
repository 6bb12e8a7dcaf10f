/** `with`: more Debian packages installed along (fonts for a browser). */
export interface RequiredTool { command: string; pkg: string; with?: string[]; why: string }
export const REQUIRED_TOOLS: RequiredTool[];
export const TEST_TOOLS: RequiredTool[];
export function findTool(command: string): string | undefined;
