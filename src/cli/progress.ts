// Progress for batch builds: a redrawn bar on a terminal, plain lines in logs, nothing when quiet.

export type ProgressMode = 'bar' | 'lines' | 'off';

/**
 * A callback for build()'s onArticle that reports `done of total` with rate and ETA to `stream`; its
 * `interrupt()` ends a bar left part-way (a fault, a signal), so the message that follows has its own line.
 */
export function progressReporter(mode: ProgressMode, stream: NodeJS.WriteStream, now: () => number = () => performance.now()) {
  const start = now();
  let lastLine = -1;
  let barOpen = false;
  const report = (done: number, total: number): void => {
    if (mode === 'off' || total < 2) return;
    const seconds = (now() - start) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
    const figures = `${done}/${total}  ${rate.toFixed(0)}/s  ETA ${eta}s`;
    if (mode === 'bar') {
      const width = 30;
      const filled = Math.round((done / total) * width);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${figures}\u001b[K${done === total ? '\n' : ''}`);
      barOpen = done !== total;
      return;
    }
    // A line for every tenth of the batch: enough to see it move in a CI log, few enough to read.
    const tenth = Math.floor((done * 10) / total);
    if (tenth !== lastLine) {
      lastLine = tenth;
      stream.write(`galley: ${figures}\n`);
    }
  };
  return Object.assign(report, {
    interrupt(): void {
      if (barOpen) stream.write('\n');
      barOpen = false;
    },
  });
}
