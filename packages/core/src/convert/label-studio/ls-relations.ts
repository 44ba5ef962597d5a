import type { Region } from '../../format/index.ts';
import { LIMITS } from '../../format/index.ts';

/**
 * Label Studio relation results have no id of their own (only `from_id` and `to_id`), while
 * every Tessera region needs one. Import gives each relation a deterministic id,
 * `from>to` (hashed when longer than a region id may be, suffixed when taken), so the same
 * export imports to the same ids.
 */

/** FNV-1a, 32 bits, as 8 hex digits: short, stable, no dependencies. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * The id a relation from `from` to `to` gets on import, unique among `taken`.
 *
 * @example
 * relationRegionId('s1', 's2', new Set()); // 's1>s2'
 * relationRegionId('s1', 's2', new Set(['s1>s2'])); // 's1>s2#2'
 */
export function relationRegionId(from: string, to: string, taken: ReadonlySet<string>): string {
  const plain = `${from}>${to}`;
  const base = plain.length <= LIMITS.regionId - 3 ? plain : `rel-${fnv1a(plain)}`;
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}#${i}`;
  return id;
}

/**
 * True when a relation region's id is the one import would give it (so nothing is lost when
 * Label Studio drops it).
 *
 * @example
 * hasImportedRelationId({ id: 's1>s2', control: 'rel', type: 'relation', value: { from: 's1', to: 's2' } }); // true
 */
export function hasImportedRelationId(region: Region): boolean {
  if (region.type !== 'relation') return false;
  const plain = `${region.value.from}>${region.value.to}`;
  return region.id === plain || region.id.startsWith(`${plain}#`) || region.id.startsWith('rel-');
}
