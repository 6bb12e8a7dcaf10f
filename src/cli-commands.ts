// The commands that run inside a lab. bin/nslab keeps the same list in its `case` so that
// it can enter the namespaces before Node starts; test/cli-commands.test.ts compares them.
export const LAB_COMMANDS: readonly string[] = ['start', 'sandbox', 'solve-in-lab', 'topo', 'run'];
