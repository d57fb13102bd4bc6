// npm run bench -- <scenario> [--duration <s>] [--connections <n>] [--fresh] [--only <part>]
import { parseArgs } from 'node:util';
import { cases } from './scenarios/cases';
import { core } from './scenarios/core';
import { registry } from './scenarios/registry';
import { services } from './scenarios/services';

interface Options {
  seconds: number;
  connections: number;
  /** Scenarios that keep their scratch database (registry) rebuild it. */
  fresh: boolean;
  /** One part of a scenario that has several (cases: intake, dashboard), for a quick look at it. */
  only?: string;
}

const SCENARIOS: Record<string, { about: string; parts?: string[]; run: (opts: Options) => Promise<void> }> =
  {
    core: {
      about: 'GET /api/org/search (city size, street officer) vs bare Fastify vs pgbench of the same SQL',
      run: core,
    },
    registry: {
      about: 'resident search (name, pinyin, initials, ID) on 3 M residents vs GET /readyz, p50/p99',
      run: registry,
    },
    services: {
      about: 'hotline provider match (category + 1,200 m) over 50,000 providers vs GET /readyz, p50/p99',
      run: services,
    },
    cases: {
      about: 'case intake vs pgbench of the same SQL; city indicator dashboard on 10 M cases vs GET /readyz',
      parts: ['intake', 'dashboard'],
      run: cases,
    },
  };

function usage(problem: string): never {
  console.error(`bench: ${problem}\n`);
  console.error(
    'usage: npm run bench -- <scenario> [--duration <s>] [--connections <n>] [--fresh] [--only <part>]\n\nscenarios:',
  );
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
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      fresh: { type: 'boolean' },
      only: { type: 'string' },
    },
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
  fresh: parsed.values.fresh === true,
  only: parsed.values.only,
};
if (options.only !== undefined && !(scenario.parts ?? []).includes(options.only))
  usage(`--only takes one of: ${(scenario.parts ?? []).join(', ') || '(no parts in this scenario)'}`);

try {
  await scenario.run(options);
} catch (err) {
  console.error('\nbench failed:', err);
  process.exitCode = 1;
}
