import {
  createReadStream,
  createWriteStream,
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { once } from 'node:events';
import { Option, type Command } from 'commander';
import {
  applyOperators,
  PII_ENTITIES,
  preparePii,
  type DetectPiiOptions,
  type RedactionPolicy,
} from '@tessera/core/compliance';
import { lineBatches, parseSize } from '@tessera/server/compliance/byte-lines';
import { parseRedactionPolicy } from '@tessera/server/compliance/compliance-settings';
import { LineHasher } from '@tessera/server/compliance/line-hasher';
import {
  parseRecordLine,
  policyEntities,
  scannedPart,
  redactData,
  scanData,
  scanLines,
  WINDOW,
  type LineFinding,
  maskedPreview,
} from '@tessera/server/compliance/pii-scan';
import { verifySidecar } from '@tessera/server/compliance/sidecar';
import { actionExit, CliError } from '../errors.ts';

/** Where the compliance commands print; tests capture it. */
export interface ComplianceIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
}

const processIo: ComplianceIo = {
  out: (t) => void process.stdout.write(t),
  err: (t) => void process.stderr.write(t),
  env: process.env,
};

/**
 * Registers the file commands of compliance, which run on local files with no server:
 * `pii scan`, `pii redact` and `ledger verify`. Exit codes: 0 done; 1 bad input or a failed
 * check (the message says which line or item); 2 PII found with `--fail-on-findings`.
 *
 * @example
 * const program = new Command('tessera');
 * registerComplianceCommands(program);
 * await program.parseAsync(['node', 'tessera', 'ledger', 'verify', 'export.jsonl']);
 */
export function registerComplianceCommands(program: Command, io: ComplianceIo = processIo): void {
  const pii = program
    .command('pii')
    .description('find and redact personal data in local text or JSONL files');
  const common = (c: Command) =>
    c
      .addOption(
        new Option('--format <format>', 'input format (default: by extension)').choices([
          'text',
          'jsonl',
        ]),
      )
      .option(
        '--fields <names>',
        'JSONL: only these keys (of "data" when records have it), comma-separated',
      )
      .option('--min-score <n>', 'ignore findings scoring below this (0..1)')
      .option('--max-text-bytes <size>', 'largest single line or record, e.g. 16M', '16M');
  common(pii.command('scan <file>').description('print the PII found in a text or JSONL file'))
    .option(
      '--entities <names>',
      `only these entities, comma-separated (${PII_ENTITIES.length} known)`,
    )
    .option('--json', 'print one JSON document')
    .option('--show', 'print the matched text itself (default: a masked preview)')
    .option('--fail-on-findings', 'exit with code 2 when anything is found')
    .action((file: string, f: ScanFlags) => scan(file, f, io));
  common(
    pii.command('redact <file>').description('write a copy with PII replaced as a policy says'),
  )
    .requiredOption(
      '--policy <file>',
      'JSON policy: {"operators": {"CN_MOBILE": {"type": "mask", "head": 3, "tail": 4}}}',
    )
    .option('--out <file>', 'write here (atomically) instead of stdout')
    .option(
      '--key-env <name>',
      'environment variable holding the key for pseudonyms and keyed hashes',
      'TESSERA_PII_KEY',
    )
    .action((file: string, f: RedactFlags) => redact(file, f, io));
  program
    .command('ledger')
    .description('provenance ledger checks on local files')
    .command('verify <export>')
    .description(
      'check a JSONL export against its manifest sidecar (<export>.manifest.json), offline',
    )
    .option('--manifest <file>', 'the sidecar (default: <export>.manifest.json)')
    .option(
      '--public-key <file>',
      'PEM key the manifest must be signed with (from GET /api/ledger/head)',
    )
    .option('--json', 'print the result as JSON')
    .action((file: string, f: VerifyFlags) => verify(file, f, io));
}

interface CommonFlags {
  format?: 'text' | 'jsonl';
  fields?: string;
  minScore?: string;
  maxTextBytes: string;
}
interface ScanFlags extends CommonFlags {
  entities?: string;
  json?: boolean;
  show?: boolean;
  failOnFindings?: boolean;
}
interface RedactFlags extends CommonFlags {
  policy: string;
  out?: string;
  keyEnv: string;
}
interface VerifyFlags {
  manifest?: string;
  publicKey?: string;
  json?: boolean;
}

function sizeFlag(v: string, flag: string): number {
  const n = parseSize(v);
  if (n === undefined) throw new CliError(`${flag} must be a size like 16M or 500K, got "${v}"`);
  return n;
}

function openInput(path: string, what: string) {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new CliError(`cannot read ${what} "${path}": no such file`);
  }
  if (st.isDirectory()) throw new CliError(`cannot read ${what} "${path}": it is a directory`);
  return createReadStream(path);
}

function detectOptions(f: CommonFlags & { entities?: string }): DetectPiiOptions {
  const opts: DetectPiiOptions = {};
  if (f.minScore !== undefined) {
    const s = Number(f.minScore);
    if (!(s >= 0 && s <= 1))
      throw new CliError(`--min-score must be a number in 0..1, got "${f.minScore}"`);
    opts.minScore = s;
  }
  if (f.entities !== undefined) {
    const list = f.entities
      .split(',')
      .map((e) => e.trim().toUpperCase())
      .filter(Boolean);
    const unknown = list.filter((e) => !(PII_ENTITIES as readonly string[]).includes(e));
    if (unknown.length)
      throw new CliError(`unknown entity ${unknown.join(', ')}; known: ${PII_ENTITIES.join(', ')}`);
    opts.entities = list;
  }
  return opts;
}

const formatOf = (file: string, f: CommonFlags) =>
  f.format ?? (/\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'text');
const fieldsOf = (f: CommonFlags) =>
  f.fields
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

async function scan(file: string, f: ScanFlags, io: ComplianceIo): Promise<void> {
  const opts = detectOptions(f);
  await preparePii(opts.entities);
  const format = formatOf(file, f);
  const fields = fieldsOf(f);
  const found: (Omit<LineFinding, 'text' | 'context'> & { path?: string; text: string })[] = [];
  const errors: string[] = [];
  const report = (error: string) => {
    errors.push(error);
    if (!f.json) io.err(`error: ${error}\n`);
  };
  const totals = { lines: 0, bytes: 0 };
  const max = sizeFlag(f.maxTextBytes, '--max-text-bytes');
  for await (const b of lineBatches(openInput(file, 'the input file'), max, WINDOW, totals)) {
    if (b.error !== undefined) report(b.error);
    else if (format === 'text') for (const x of scanLines(b.lines, opts)) found.push(x);
    else
      for (const l of b.lines) {
        const rec = parseRecordLine(l.text, l.line);
        if (typeof rec === 'string') report(rec);
        else if (rec)
          for (const x of scanData(scannedPart(rec), fields, opts))
            found.push({ ...x, line: l.line });
      }
  }
  const byEntity: Record<string, number> = {};
  for (const x of found) byEntity[x.entity] = (byEntity[x.entity] ?? 0) + 1;
  const rows = found.map((x) => ({
    line: x.line,
    ...(x.path === undefined ? {} : { path: x.path }),
    entity: x.entity,
    start: x.start,
    end: x.end,
    score: x.score,
    text: f.show ? x.text : maskedPreview(x.text),
  }));
  if (f.json)
    io.out(
      JSON.stringify(
        { file, format, ...totals, findings: rows, by_entity: byEntity, errors },
        null,
        2,
      ) + '\n',
    );
  else {
    for (const r of rows)
      io.out(
        `${file}:${r.line}${r.path ? ` ${r.path}` : ''} [${r.start},${r.end}) ${r.entity} ${r.score} ${r.text}\n`,
      );
    const summary = Object.entries(byEntity)
      .map(([e, n]) => `${e} ${n}`)
      .join(', ');
    io.out(
      `${found.length} finding${found.length === 1 ? '' : 's'} in ${totals.lines} lines${summary ? `: ${summary}` : ''}\n`,
    );
  }
  if (errors.length) {
    if (!f.json)
      io.err(
        `error: ${errors.length} line${errors.length === 1 ? ' was' : 's were'} not scanned (see above)\n`,
      );
    actionExit.code = 1;
  } else if (f.failOnFindings && found.length) actionExit.code = 2;
}

function loadPolicy(path: string, io: ComplianceIo, keyEnv: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new CliError(
      `cannot read --policy "${path}": ${e.code === 'ENOENT' ? 'no such file' : e.message}`,
    );
  }
  const p = parseRedactionPolicy(raw);
  if (!p.ok) throw new CliError(`--policy "${path}": ${p.message}`);
  const key = io.env[keyEnv] ?? '';
  if (p.keyed.length && key.length < 16)
    throw new CliError(
      `the policy uses ${p.keyed.join(', ')}, which needs a secret key of at least 16 characters in $${keyEnv}`,
    );
  return { operators: p.operators, key, minScore: p.min_score };
}

type Lines = { line: number; text: string }[];
type Redacted = { text: string; counts: Record<string, number> };

/** Redacts lines of a text file scanned together; the output keeps every line. */
function redactTextLines(
  lines: Lines,
  opts: DetectPiiOptions,
  operators: RedactionPolicy,
  key: string,
): Redacted {
  const byLine = new Map<number, { entity: string; start: number; end: number }[]>();
  for (const x of scanLines(lines, opts))
    if (x.end > x.start)
      byLine.set(x.line, [
        ...(byLine.get(x.line) ?? []),
        { entity: x.entity, start: x.start, end: x.end },
      ]);
  const out: Redacted = { text: '', counts: {} };
  for (const l of lines) {
    const hits = byLine.get(l.line) ?? [];
    for (const h of hits) out.counts[h.entity] = (out.counts[h.entity] ?? 0) + 1;
    out.text += (hits.length ? applyOperators(l.text, hits, operators, key).text : l.text) + '\n';
  }
  return out;
}

/** Redacts JSONL records (their `data` when they have one); a bad line's message otherwise. */
function redactRecords(
  lines: Lines,
  fields: string[] | undefined,
  operators: RedactionPolicy,
  key: string,
  minScore: number | undefined,
): Redacted | string {
  const out: Redacted = { text: '', counts: {} };
  for (const l of lines) {
    const rec = parseRecordLine(l.text, l.line);
    if (typeof rec === 'string') return rec;
    if (!rec) {
      out.text += '\n';
      continue;
    }
    const part = scannedPart(rec);
    const r = redactData(part, fields, operators, key, minScore === undefined ? {} : { minScore });
    for (const [e, n] of Object.entries(r.counts)) out.counts[e] = (out.counts[e] ?? 0) + n;
    out.text += JSON.stringify(part === rec ? r.data : { ...rec, data: r.data }) + '\n';
  }
  return out;
}

/** Resolves when a stream has closed, whether or not it failed (errors are kept by a listener). */
const closed = (s: NodeJS.WritableStream & { closed: boolean }) =>
  s.closed ? Promise.resolve() : new Promise<void>((r) => s.once('close', () => r()));

async function redact(file: string, f: RedactFlags, io: ComplianceIo): Promise<void> {
  const { operators, key, minScore } = loadPolicy(f.policy, io, f.keyEnv);
  const opts: DetectPiiOptions = {
    ...detectOptions(f),
    ...(minScore === undefined ? {} : { minScore }),
  };
  const entities = policyEntities(operators);
  if (entities) opts.entities = entities;
  await preparePii(opts.entities);
  const format = formatOf(file, f);
  const fields = fieldsOf(f);
  const tmp = f.out === undefined ? undefined : `${f.out}.partial`;
  const sink = tmp === undefined ? undefined : createWriteStream(tmp);
  let sinkError: Error | undefined;
  sink?.on('error', (e) => (sinkError ??= e));
  const write = async (s: string) => {
    if (!sink) return io.out(s);
    if (sinkError) throw new CliError(`cannot write ${f.out}: ${sinkError.message}`);
    if (!sink.write(s)) await once(sink, 'drain');
  };
  const counts: Record<string, number> = {};
  const stopped = sink
    ? `nothing was written to ${f.out}`
    : 'the redacted output above stops before it';
  try {
    const totals = { lines: 0, bytes: 0 };
    const max = sizeFlag(f.maxTextBytes, '--max-text-bytes');
    for await (const b of lineBatches(openInput(file, 'the input file'), max, WINDOW, totals)) {
      // A line that cannot be read cannot be redacted: stop, and keep no partial file.
      if (b.error !== undefined) throw new CliError(`${b.error}; ${stopped}`);
      const r =
        format === 'text'
          ? redactTextLines(b.lines, opts, operators, key)
          : redactRecords(b.lines, fields, operators, key, minScore);
      if (typeof r === 'string') throw new CliError(`${r}; ${stopped}`);
      for (const [e, n] of Object.entries(r.counts)) counts[e] = (counts[e] ?? 0) + n;
      await write(r.text);
    }
    if (sink) {
      sink.end();
      await closed(sink);
      if (sinkError) throw new CliError(`cannot write ${f.out}: ${sinkError.message}`);
      renameSync(tmp!, f.out!);
    }
    const summary =
      Object.entries(counts)
        .map(([e, n]) => `${e} ${n}`)
        .join(', ') || 'nothing';
    io.err(`redacted ${summary} in ${totals.lines} lines${f.out ? ` -> ${f.out}` : ''}\n`);
  } finally {
    if (sink && !sink.closed) {
      sink.destroy();
      await closed(sink);
    }
    if (tmp !== undefined && existsSync(tmp)) rmSync(tmp, { force: true });
  }
}

async function verify(file: string, f: VerifyFlags, io: ComplianceIo): Promise<void> {
  const manifestPath = f.manifest ?? `${file}.manifest.json`;
  let sidecar: unknown;
  try {
    sidecar = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new CliError(
      `cannot read the manifest "${manifestPath}": ${e.code === 'ENOENT' ? 'no such file (pass --manifest)' : e.message}`,
    );
  }
  let pinned: string | undefined;
  if (f.publicKey !== undefined) {
    try {
      pinned = readFileSync(f.publicKey, 'utf8');
    } catch {
      throw new CliError(`cannot read --public-key "${f.publicKey}"`);
    }
  }
  const hasher = new LineHasher();
  for await (const chunk of openInput(file, 'the export')) hasher.update(chunk as Buffer);
  const r = verifySidecar(
    sidecar,
    hasher.finish(),
    pinned === undefined ? {} : { pinnedPublicKey: pinned },
  );
  if (f.json) io.out(JSON.stringify(r, null, 2) + '\n');
  else if (r.ok)
    io.out(
      `ok: ${r.items} items match the signed manifest (key ${r.key_id.slice(0, 16)}…); ` +
        `the export is leaf ${r.ledger.leaf_index} of the ledger tree of ${r.ledger.tree_size} (root ${r.ledger.root_hash.slice(0, 16)}…, ${new Date(r.ledger.timestamp).toISOString()})\n`,
    );
  else
    io.err(
      `FAILED: ${/^(manifest|ledger)$/.test(r.id) ? r.id : `item ${r.id}`}${r.line ? ` (line ${r.line})` : ''}: ${r.reason}: ${r.detail}\n`,
    );
  if (!r.ok) actionExit.code = 1;
}
