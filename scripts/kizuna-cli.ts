// Command line over the scenario core (validate, compile and simulate scenario JSON files), operator accounts
// (`operator …`, in operator-cli.ts), printing JSON, the Temporal UI's codec endpoint (`codec-server`) and `migrate`.
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { compileOrIssues } from '../scenario/compile';
import { triggerOf } from '../scenario/entry';
import { AttributeDefinitionSchema, FriendEventSchema, FriendSnapshotSchema } from '../scenario/schema';
import { simulate } from '../scenario/simulate';
import { DAY } from '../scenario/time';
import { validate } from '../scenario/validate';
import { runCodecServerCli } from './codec-server';
import { runMigrateCli } from './migrate-cli';
import { runOperatorCli } from './operator-cli';

const USAGE = `Kizuna CLI

  npm run kizuna -- validate FILE.json [--attributes ATTRS.json]
  npm run kizuna -- compile  FILE.json [--attributes ATTRS.json]
  npm run kizuna -- simulate FILE.json --friend FRIEND.json [--events EVENTS.json]
                             [--start ISO] [--horizon ISO|DAYS] [--attributes ATTRS.json]

Prints JSON on stdout. Exit status 1 when the scenario (or an input file) is invalid.
--start defaults to the triggering event in --events, the friend's friendAddedAt (friend_added)
or the broadcast time (segment_broadcast). ISO times without an offset are read in the scenario's zone.
--horizon defaults to 365 days after the start.

  npm run kizuna -- operator create|reset-password|list …   (operator accounts; see \`operator --help\`)
  npm run kizuna -- codec-server [--port 8888] [--origin URL] (decoded histories in the Temporal UI; see \`codec-server --help\`)
  npm run kizuna -- migrate                                  (apply the migrations to DATABASE_URL; \`npm run migrate\` in production)`;

class CliError extends Error {}

function parseArgs(argv: string[]): { command: string | undefined; file: string | undefined; flags: Map<string, string> } {
  const flags = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--help' || a === '-h') flags.set('help', 'true');
    else if (a.startsWith('--')) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new CliError(`${a} needs a value`);
      flags.set(a.slice(2), value);
      i++;
    } else positional.push(a);
  }
  return { command: positional[0], file: positional[1], flags };
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new CliError(`cannot read ${what} file ${path}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`${what} file ${path} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new CliError(`${what}: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return r.data;
}

function parseInstant(text: string, zone: string, what: string): number {
  const dt = DateTime.fromISO(text, { zone, setZone: true });
  if (!dt.isValid) throw new CliError(`${what} is not an ISO date-time: ${text}`);
  return dt.toMillis();
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function main(argv: string[]): number {
  const { command, file, flags } = parseArgs(argv);
  if (flags.has('help') || !command) {
    process.stdout.write(`${USAGE}\n`);
    return command || flags.has('help') ? 0 : 1;
  }
  if (!['validate', 'compile', 'simulate'].includes(command)) throw new CliError(`unknown command ${command}\n\n${USAGE}`);
  if (!file) throw new CliError(`${command} needs a scenario file`);

  const attributesFile = flags.get('attributes');
  const attributes = attributesFile
    ? parseWith(z.array(AttributeDefinitionSchema), readJson(attributesFile, 'attributes'), 'attributes')
    : undefined;
  const graph = readJson(file, 'scenario');

  if (command === 'validate') {
    const issues = validate(graph, { attributes });
    if (issues.length > 0) {
      print({ ok: false, file, issues });
      return 1;
    }
    const compiled = compileOrIssues(graph, { attributes });
    print({
      ok: true,
      file,
      hash: compiled.ok ? compiled.plan.hash : null,
      nodes: compiled.ok ? Object.keys(compiled.plan.nodes).length : 0,
    });
    return 0;
  }

  const compiled = compileOrIssues(graph, { attributes });
  if (!compiled.ok) {
    print({ ok: false, file, issues: compiled.issues });
    return 1;
  }
  const plan = compiled.plan;
  if (command === 'compile') {
    print(plan);
    return 0;
  }

  const friendFile = flags.get('friend');
  if (!friendFile) throw new CliError('simulate needs --friend FRIEND.json');
  const friend = parseWith(FriendSnapshotSchema, readJson(friendFile, 'friend'), `friend ${friendFile}`);
  const eventsFile = flags.get('events');
  const events = eventsFile ? parseWith(z.array(FriendEventSchema), readJson(eventsFile, 'events'), `events ${eventsFile}`) : [];
  const zone = plan.settings.timeZone;

  const startFlag = flags.get('start');
  let start: number;
  if (startFlag) start = parseInstant(startFlag, zone, '--start');
  else {
    const trigger = triggerOf(plan)?.trigger;
    if (trigger?.type === 'event') {
      const first = events.find((e) => e.name === trigger.eventName);
      if (!first) throw new CliError(`no ${trigger.eventName} event in --events to start from; give --start`);
      start = first.at;
    } else if (trigger?.type === 'segment_broadcast') start = parseInstant(trigger.sendAt, zone, 'sendAt');
    else if (trigger?.type === 'friend_added') start = friend.friendAddedAt;
    else throw new CliError('give --start for this trigger');
  }
  const horizonFlag = flags.get('horizon');
  const horizon = !horizonFlag
    ? start + 365 * DAY
    : /^\d+$/.test(horizonFlag)
      ? start + Number(horizonFlag) * DAY
      : parseInstant(horizonFlag, zone, '--horizon');

  const timeline = simulate(plan, friend, { start, events, horizon });
  const { state, ...rest } = timeline;
  print({
    ok: true,
    file,
    planHash: plan.hash,
    friend: friend.id,
    ...rest,
    friendAfter: { tags: state.friend.tags, attributes: state.friend.attributes },
  });
  return 0;
}

const argv = process.argv.slice(2);
if (argv[0] === 'operator') {
  process.exitCode = await runOperatorCli(argv.slice(1));
} else if (argv[0] === 'codec-server') {
  process.exitCode = await runCodecServerCli(argv.slice(1));
} else if (argv[0] === 'migrate') {
  process.exitCode = await runMigrateCli(argv.slice(1));
} else {
  try {
    process.exitCode = main(argv);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    print({ ok: false, error: e.message });
    process.exitCode = 1;
  }
}
