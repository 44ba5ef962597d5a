import type { Generated } from 'kysely';

/*
 * The content-safety table (migration 0008) as Kysely sees it. Until it is merged into
 * `Database` in schema.ts, the safety repository reaches it with `db.withTables<SafetyTables>()`,
 * which stays correct after the merge.
 */

/** One content-safety finding on a task (image class over the threshold, or a lexicon term). */
export interface SafetyFlagsTable {
  id: Generated<number>;
  project_id: number;
  task_id: number;
  /** `image` (nsfwjs on an image field) or `text` (the lexicon on a text field). */
  source: 'image' | 'text';
  /** Where in task.data, e.g. `image` or `dialogue[2].content`. */
  path: string;
  /** The nsfwjs class (`Porn`, `Hentai`, `Sexy`) or the term's category (`lexicon` when none). */
  category: string;
  /** The configured lexicon term (text flags only); the matched text itself is not stored. */
  term: string | null;
  severity: number | null;
  /** Code-point span of the match in the string at `path` (text flags only). */
  start_cp: number | null;
  end_cp: number | null;
  /** The class probability (image) or 1 (a lexicon hit). */
  score: number;
  /** `nsfwjs/mobilenetv2@4.4.0` or `lexicon`. */
  model: string;
  created_at: string;
}

/** The table 0008 adds, keyed as in the database (merge into `Database`). */
export type SafetyTables = { safety_flags: SafetyFlagsTable };
