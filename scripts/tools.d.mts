export interface RequiredTool { command: string; pkg: string; why: string }
export const REQUIRED_TOOLS: RequiredTool[];
export function findTool(command: string): string | undefined;
