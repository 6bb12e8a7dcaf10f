// Handing the keyboard to a command and taking it back. Pausing process.stdin is not
// enough: the stream stops emitting, but its handle keeps reading into Node's buffer, so
// keys typed for the command (`docker exec -it c1 sh`, `read`) would be taken by Node and
// replayed to the shell later. So the handle's reading is stopped too; resume() starts it
// again (net.Socket restarts reading when `reading` is false).
//
// While the command runs, the handle cannot start reading at all: node:repl resumes its
// input on its own schedule (the history file's set-up calls resume() when it is ready, a
// few milliseconds after the first prompt), and a resume then would take the command's
// keys. A start asked for meanwhile happens when the terminal comes back.
import { reclaimForeground } from './foreground.js';

interface ReadableHandle { reading?: boolean; readStop?: () => number; readStart?: () => number }

const handleOf = (stdin: NodeJS.ReadStream) => (stdin as unknown as { _handle?: ReadableHandle })._handle;

export function handTerminalToCommand(stdin: NodeJS.ReadStream): void {
  stdin.setRawMode?.(false);
  stdin.pause();
  const handle = handleOf(stdin);
  if (!handle?.readStop || !handle.readStart) return;
  if (handle.reading) {
    handle.readStop();
    handle.reading = false;
  }
  handle.readStart = () => 0;
}

/** 'gone': the terminal went away while the command had it (nslab should end, as its
 * hangup would have ended it); 'ok': the terminal is nslab's again. */
export function takeTerminalBack(stdin: NodeJS.ReadStream): 'ok' | 'gone' {
  // The foreground first: raw mode and reading, from the background, would stop nslab.
  if (stdin.isTTY && reclaimForeground() === 'gone') return 'gone';
  try {
    stdin.setRawMode?.(true);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EIO') return 'gone';
    throw err;
  }
  const handle = handleOf(stdin);
  if (handle && Object.hasOwn(handle, 'readStart')) {
    Reflect.deleteProperty(handle, 'readStart'); // the prototype's again
    if (handle.reading) handle.readStart?.();
  }
  stdin.resume();
  return 'ok';
}
