// Handing the keyboard to a command and taking it back. Pausing process.stdin is not
// enough: the stream stops emitting, but its handle keeps reading into Node's buffer, so
// keys typed for the command (`docker exec -it c1 sh`, `read`) would be taken by Node and
// replayed to the shell later. So the handle's reading is stopped too; resume() starts it
// again (net.Socket restarts reading when `reading` is false).

interface ReadableHandle { reading?: boolean; readStop?: () => number }

export function handTerminalToCommand(stdin: NodeJS.ReadStream): void {
  stdin.setRawMode?.(false);
  stdin.pause();
  const handle = (stdin as unknown as { _handle?: ReadableHandle })._handle;
  if (handle?.readStop && handle.reading) {
    handle.readStop();
    handle.reading = false;
  }
}

export function takeTerminalBack(stdin: NodeJS.ReadStream): void {
  stdin.setRawMode?.(true);
  stdin.resume();
}
