import cliProgress from 'cli-progress';

/** Progress reporting: a bar on a terminal, plain lines (at most every 2 s) otherwise. */
export interface Progress {
  update(done: number, detail?: string): void;
  stop(final?: string): void;
}

/**
 * @example
 * const p = progress('Importing', file.size, 'bytes'); p.update(n); p.stop('done');
 */
export function progress(
  label: string,
  total: number,
  unit: string,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {detail}`,
        hideCursor: true,
        stream,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(total, 1), 0, { detail: '' });
    return {
      update: (done, detail = '') => bar.update(Math.min(done, Math.max(total, 1)), { detail }),
      stop: (final) => {
        bar.stop();
        if (final) stream.write(final + '\n');
      },
    };
  }
  let last = 0;
  return {
    update: (done, detail) => {
      const t = Date.now();
      if (t - last < 2000) return;
      last = t;
      const pct = total > 0 ? ` (${Math.floor((done / total) * 100)}%)` : '';
      stream.write(
        `${label}: ${done}${total > 0 ? `/${total}` : ''} ${unit}${pct}${detail ? ` — ${detail}` : ''}\n`,
      );
    },
    stop: (final) => {
      if (final) stream.write(final + '\n');
    },
  };
}
