/**
 * Content-safety policy of a project, kept in `projects.settings.content_safety`: a lexicon of
 * terms flagged in text fields, and the image classes (nsfwjs) flagged at or above a
 * threshold. Pure: the scan (safety.service.ts) applies it to stored tasks.
 */

import { Lexicon, type LexiconMatch } from '@tessera/core/compliance';
import type { LabelingSchema } from '@tessera/core/format';
import { z } from 'zod';
import type { NsfwClasses } from '../vision/vision-types.ts';
import { mapStrings, textFields } from './pii-scan.ts';

/** The nsfwjs classes that can be flagged (Drawing and Neutral never are). */
export const UNSAFE_CLASSES = ['Porn', 'Hentai', 'Sexy'] as const;

const Term = z.union([
  z.string().trim().min(1).max(200),
  z
    .object({
      term: z.string().trim().min(1).max(200),
      category: z.string().trim().min(1).max(64).optional(),
      severity: z.number().int().min(1).max(5).optional(),
    })
    .strict(),
]);

/**
 * The lexicon: terms (a string, or `{ term, category, severity }`), matched case-insensitively
 * over width-normalised text unless `case_sensitive`; `whole_word` stops a Latin term matching
 * inside a longer word (CJK never needs it).
 * @example LexiconPolicySchema.parse({ terms: ['赌博', { term: 'casino', category: 'gambling' }] })
 */
export const LexiconPolicySchema = z
  .object({
    terms: z.array(Term).min(1).max(10_000),
    case_sensitive: z.boolean().default(false),
    whole_word: z.boolean().default(false),
  })
  .strict();

/**
 * Image policy: a task is flagged for each class in `classes` whose probability is at or
 * above `threshold`.
 * @example ImagePolicySchema.parse({ threshold: 0.8 }) // classes: Porn, Hentai, Sexy
 */
export const ImagePolicySchema = z
  .object({
    threshold: z.number().min(0.05).max(1).default(0.7),
    classes: z
      .array(z.enum(UNSAFE_CLASSES))
      .min(1)
      .default([...UNSAFE_CLASSES]),
  })
  .strict();

/**
 * Body of `PUT /api/projects/:id/safety`; `null` turns a part off, an absent key keeps it.
 * @example SafetySettingsSchema.parse({ lexicon: { terms: ['赌博'] }, images: null })
 */
export const SafetySettingsSchema = z
  .object({
    lexicon: LexiconPolicySchema.nullable().optional(),
    images: ImagePolicySchema.nullable().optional(),
  })
  .strict();

export type LexiconPolicy = z.infer<typeof LexiconPolicySchema>;
export type ImagePolicy = z.infer<typeof ImagePolicySchema>;
export type SafetySettingsUpdate = z.infer<typeof SafetySettingsSchema>;

/** A project's content-safety policy; a part that is not set is off. */
export interface SafetyPolicy {
  lexicon: LexiconPolicy | undefined;
  images: ImagePolicy | undefined;
}

/**
 * The content-safety part of a project's settings JSON; a malformed part is off.
 * @example safetyOf('{}') // { lexicon: undefined, images: undefined }
 */
export function safetyOf(settingsJson: string): SafetyPolicy {
  let raw: { content_safety?: { lexicon?: unknown; images?: unknown } } = {};
  try {
    raw = JSON.parse(settingsJson) as typeof raw;
  } catch {
    /* unreadable settings: nothing is configured */
  }
  const lex = LexiconPolicySchema.safeParse(raw.content_safety?.lexicon);
  const img = ImagePolicySchema.safeParse(raw.content_safety?.images);
  return {
    lexicon: lex.success ? lex.data : undefined,
    images: img.success ? img.data : undefined,
  };
}

/**
 * Merges an update into a project's settings JSON (`content_safety` key), with defaults filled.
 * @example mergeSafety('{}', { images: { threshold: 0.8 } })
 */
export function mergeSafety(settingsJson: string, update: SafetySettingsUpdate): string {
  const raw = JSON.parse(settingsJson) as Record<string, unknown>;
  const cur = (raw.content_safety ?? {}) as Record<string, unknown>;
  for (const k of ['lexicon', 'images'] as const) {
    const v = update[k];
    if (v === null) delete cur[k];
    else if (v !== undefined) cur[k] = v;
  }
  if (Object.keys(cur).length === 0) delete raw.content_safety;
  else raw.content_safety = cur;
  return JSON.stringify(raw);
}

/** An image flag: the class and its probability. */
export interface ImageFlag {
  category: (typeof UNSAFE_CLASSES)[number];
  score: number;
}

/**
 * The flags an image's class probabilities raise under `policy`: each configured class at or
 * above the threshold, most likely first. Drawing and Neutral are never flagged.
 * @example
 * imageSafetyFlags({ Drawing: 0, Hentai: 0.02, Neutral: 0.08, Porn: 0.85, Sexy: 0.05 }, { threshold: 0.7, classes: ['Porn', 'Hentai', 'Sexy'] })
 * // [{ category: 'Porn', score: 0.85 }]
 */
export function imageSafetyFlags(classes: NsfwClasses, policy: ImagePolicy): ImageFlag[] {
  return policy.classes
    .filter((c) => classes[c] >= policy.threshold)
    .map((c) => ({ category: c, score: classes[c] }))
    .sort((a, b) => b.score - a.score);
}

/** A lexicon hit in task data: the term, where (path and code points), category, severity. */
export interface TextFlag extends LexiconMatch {
  path: string;
}

/**
 * A compiled lexicon for a policy.
 * @example compileLexicon({ terms: ['赌博'], case_sensitive: false, whole_word: false }).match('网上赌博')
 */
export function compileLexicon(policy: LexiconPolicy): Lexicon {
  return new Lexicon(policy.terms, {
    caseSensitive: policy.case_sensitive,
    wholeWord: policy.whole_word,
  });
}

/**
 * Lexicon hits in the text fields of a task's data (every string inside them, with its path).
 * @example lexiconFlags({ text: '线上赌博' }, ['text'], lex) // [{ path: 'text', term: '赌博', start: 2, end: 4, ... }]
 */
export function lexiconFlags(data: unknown, fields: readonly string[], lex: Lexicon): TextFlag[] {
  const out: TextFlag[] = [];
  if (!data || typeof data !== 'object') return out;
  for (const name of fields)
    mapStrings((data as Record<string, unknown>)[name], name, (path, s) => {
      for (const m of lex.match(s)) out.push({ ...m, path });
      return undefined;
    });
  return out;
}

/**
 * The schema's image fields (what the classifier looks at).
 * @example imageFields(schema) // ['image']
 */
export function imageFields(schema: LabelingSchema): string[] {
  return schema.fields.filter((f) => f.type === 'image').map((f) => f.name);
}

export { textFields };
