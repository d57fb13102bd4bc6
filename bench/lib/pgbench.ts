// Runs pgbench with a custom script against the scratch database and reads its summary.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface PgbenchResult {
  tps: number;
  /** pgbench reports the mean latency only (no percentiles without per-transaction logs). */
  latencyAvgMs: number | null;
  failed: number;
  command: string;
  output: string;
}

/** The Debian/Ubuntu packages keep pgbench out of PATH; prefer the server's own major version. */
export function findPgbench(): string {
  const candidates = [process.env.PGBENCH, '/usr/lib/postgresql/15/bin/pgbench'];
  return candidates.find((c): c is string => !!c && existsSync(c)) ?? 'pgbench';
}

export interface PgbenchOptions {
  url: string;
  scriptFile: string;
  clients: number;
  threads: number;
  seconds: number;
  /**
   * 'simple' (default) parses and plans every statement, as the app's unnamed statements are; 'prepared'
   * prepares each script line once per client, as the app's named statements are (db/prepared.ts).
   */
  mode?: 'simple' | 'prepared';
}

/** Connection settings come from the URL, so DATABASE_URL pointing elsewhere works too. */
function connectionArgs(url: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const args = ['-h', u.hostname || '127.0.0.1', '-p', u.port || '5432'];
  args.push('-U', decodeURIComponent(u.username) || 'postgres');
  const env = { ...process.env };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  return { args, env };
}

export async function runPgbench(opts: PgbenchOptions): Promise<PgbenchResult> {
  const { args: conn, env } = connectionArgs(opts.url);
  const database = decodeURIComponent(new URL(opts.url).pathname.slice(1));
  const args = [
    ...conn,
    '-n', // no vacuum of pgbench's own tables: this script does not use them
    '-M',
    opts.mode ?? 'simple',
    '-c',
    String(opts.clients),
    '-j',
    String(opts.threads),
    '-T',
    String(opts.seconds),
    '-f',
    opts.scriptFile,
    database,
  ];
  const bin = findPgbench();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`pgbench exited with ${code}:\n${out}`));
    });
  });
  const tps = output.match(/^tps = ([\d.]+)/m);
  if (!tps) throw new Error(`no "tps = …" line in pgbench output:\n${output}`);
  const latency = output.match(/^latency average = ([\d.]+) ms/m);
  const failed = output.match(/^number of failed transactions: (\d+)/m);
  return {
    tps: Number(tps[1]),
    latencyAvgMs: latency ? Number(latency[1]) : null,
    failed: failed ? Number(failed[1]) : 0,
    command: `${bin} ${args.join(' ')}`,
    output,
  };
}
