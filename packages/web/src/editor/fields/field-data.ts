/**
 * Reads structured task fields leniently: responses (`[{id, text, model}]` or strings) and
 * dialogues (`[{role, content}]`). Everything becomes plain text for display.
 *
 * @example
 * responseItems([{ id: 'a', text: 'Hi' }, 'Hello']) // [{ key: 'a', text: 'Hi' }, { key: '1', text: 'Hello' }]
 */

/** One response of a responses field. `key` is what rankings store. */
export interface ResponseItem {
  key: string;
  text: string;
  model?: string;
}

/** One turn of a dialogue. */
export interface DialogueTurn {
  role: string;
  text: string;
}

function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v, null, 2) : String(v);
}

function rec(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : null;
}

/** The responses of a field value. */
export function responseItems(v: unknown): ResponseItem[] {
  if (!Array.isArray(v)) return [];
  return v.map((item: unknown, i) => {
    const o = rec(item);
    if (!o) return { key: String(i), text: str(item) };
    const key = typeof o.id === 'string' || typeof o.id === 'number' ? String(o.id) : String(i);
    const model = typeof o.model === 'string' ? o.model : undefined;
    return {
      key,
      text: str(o.text ?? o.content ?? o.response ?? o.output ?? item),
      ...(model ? { model } : {}),
    };
  });
}

/** The turns of a dialogue value (a plain string is one turn). */
export function dialogueTurns(v: unknown): DialogueTurn[] {
  if (typeof v === 'string') return [{ role: 'user', text: v }];
  if (!Array.isArray(v)) return [];
  return v.map((item: unknown) => {
    const o = rec(item);
    if (!o) return { role: 'user', text: str(item) };
    return {
      role:
        typeof o.role === 'string' ? o.role : typeof o.speaker === 'string' ? o.speaker : 'user',
      text: str(o.content ?? o.text ?? o.message ?? ''),
    };
  });
}
