/** Latencies of calls and how long the whole run took. */
export interface LoadResult {
  latenciesMs: number[];
  elapsedMs: number;
}

/**
 * Runs `calls` calls for each of `workers` workers at once; each worker makes
 * its calls one after another, as one phone does.
 */
export async function runLoad(workers: number, calls: number, call: (worker: number, index: number) => Promise<void>): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let index = 0; index < calls; index++) {
        const before = performance.now();
        await call(worker, index);
        latenciesMs.push(performance.now() - before);
      }
    }),
  );
  return { latenciesMs, elapsedMs: performance.now() - started };
}

/** The value below which `fraction` of the samples fall (nearest rank). */
export function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? 0;
}

/** A plain Markdown table, so the output can go into docs/benchmarks.md as printed. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)));
  // The first column names the row (left-aligned); the rest are numbers (right-aligned).
  const pad = (cell: string, column: number) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!));
  const line = (row: string[]) => `| ${row.map(pad).join(' | ')} |`;
  const rule = widths.map((width, column) => (column === 0 ? ':' + '-'.repeat(width + 1) : '-'.repeat(width + 1) + ':'));
  return [line(header), `|${rule.join('|')}|`, ...rows.map((row) => line(row.map(String)))].join('\n');
}

export const formatNumber = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
