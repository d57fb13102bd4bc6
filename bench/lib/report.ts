// Plain-text output: a fixed-width table the README quotes verbatim.
import { cpus, totalmem } from 'node:os';

export interface Row {
  target: string;
  rate: number;
  unit: 'req/s' | 'tps';
  p50Ms: number | null;
  p99Ms: number | null;
  note?: string;
}

const fmt = (n: number | null, digits = 1) => (n === null ? '—' : n.toFixed(digits));
// autocannon records latency in whole milliseconds, so a 0 is "under a millisecond".
const latency = (n: number | null) => (n === null ? '—' : n === 0 ? '<1' : String(n));

function pad(cells: string[], widths: number[]): string {
  return cells
    .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
    .join('  ')
    .trimEnd();
}

export function table(rows: readonly Row[]): string {
  const head = ['target', 'rate', 'unit', 'p50 ms', 'p99 ms', 'note'];
  const body = rows.map((r) => [
    r.target,
    fmt(r.rate),
    r.unit,
    latency(r.p50Ms),
    latency(r.p99Ms),
    r.note ?? '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  // The note column is free text: left-aligned, no padding.
  const line = (cells: string[]) =>
    `${pad(cells.slice(0, -1), widths.slice(0, -1))}  ${cells.at(-1)}`.trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

export function ratio(label: string, numerator: number, denominator: number): string {
  const r = numerator / denominator;
  return `${label.padEnd(44)} ${r.toFixed(3)}  (${(r * 100).toFixed(1)} %)`;
}

export function truncate(line: string, max = 200): string {
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

export function machine(postgresVersion: string): string[] {
  const cpu = cpus();
  return [
    `cores: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown'}`,
    `memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `node: ${process.version} (${process.platform}/${process.arch})`,
    `postgresql: ${postgresVersion}`,
  ];
}

/**
 * `select "a", "b", … from` → `select …(N columns)… from`: Drizzle lists every column, which would
 * fill the truncated line and hide the FROM/WHERE a reader is looking for. Only the outermost list
 * is elided (parentheses and quotes are tracked, so a sub-select in the list stays inside it).
 */
export function elideColumns(statement: string): string {
  const m = /^select\s+/i.exec(statement);
  if (!m) return statement;
  let depth = 0;
  let quote: string | null = null;
  let columns = 1;
  for (let i = m[0].length; i < statement.length; i++) {
    const ch = statement[i]!;
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && ch === ',') columns++;
    else if (depth === 0 && /^ from /i.test(statement.slice(i, i + 6))) {
      if (columns < 4) return statement;
      return `select …(${columns} columns)…${statement.slice(i)}`;
    }
  }
  return statement;
}
