// npm run bench -- <scenario> [--duration <s>] [--connections <n>]
import { parseArgs } from 'node:util';
import { core } from './scenarios/core';

interface Options {
  seconds: number;
  connections: number;
}

const SCENARIOS: Record<string, { about: string; run: (opts: Options) => Promise<void> }> = {
  core: {
    about: 'GET /api/org/search (city size, street officer) vs bare Fastify vs pgbench of the same SQL',
    run: core,
  },
};

function usage(problem: string): never {
  console.error(`bench: ${problem}\n`);
  console.error('usage: npm run bench -- <scenario> [--duration <s>] [--connections <n>]\n\nscenarios:');
  for (const [name, s] of Object.entries(SCENARIOS)) console.error(`  ${name.padEnd(8)} ${s.about}`);
  process.exit(2);
}

function positiveInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) usage(`--${flag} must be a positive integer, got '${value}'`);
  return n;
}

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { duration: { type: 'string' }, connections: { type: 'string' } },
  });
}
try {
  parsed = parse();
} catch (err) {
  usage((err as Error).message);
}

const name = process.argv[2];
const scenario = name === undefined ? undefined : SCENARIOS[name];
if (!scenario || parsed.positionals[0] !== name) usage(name ? `unknown scenario '${name}'` : 'no scenario');
if (parsed.positionals.length > 1) usage(`unexpected argument '${parsed.positionals[1]}'`);

const options: Options = {
  seconds: positiveInt('duration', parsed.values.duration, 10),
  connections: positiveInt('connections', parsed.values.connections, 20),
};

try {
  await scenario.run(options);
} catch (err) {
  console.error('\nbench failed:', err);
  process.exitCode = 1;
}
