import { z } from 'zod';
import { FIELD_TYPES } from './kinds.ts';
import { LIMITS, Name } from './primitives.ts';

/**
 * A data field of a project's tasks: the key in `task.data`, its type, and an optional display
 * label (any language).
 *
 * @example
 * Field.parse({ name: 'text', type: 'text', label: '评论' });
 */
export const Field = z.strictObject({
  name: Name,
  type: z.enum(FIELD_TYPES),
  label: z.string().min(1).max(LIMITS.shortString).optional(),
});

/** A data field (see the `Field` schema). */
export type Field = z.infer<typeof Field>;
