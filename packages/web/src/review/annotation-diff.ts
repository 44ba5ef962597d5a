/**
 * Compares annotators' versions of one task, region by region, for the review view and the
 * conflict dialog. Two regions match when they say the same thing: same control and type, and
 * the same value (labels compared as sets; boxes and polygons within a small tolerance;
 * relations by what their ends say, not by their ids).
 *
 * @example
 * const marks = compareVersions([alice.regions, bob.regions]);
 * marks[0].get('r1') // 'all' | 'some' | 'none'
 */
import type { Region } from '../schema/types.ts';

/** How many other versions contain a matching region. */
export type Agreement = 'all' | 'some' | 'none';

const sortStrings = (xs: readonly string[] | undefined) => [...(xs ?? [])].sort();
const r1 = (n: number) => Math.round(n);

/** A canonical description of what a region says (ids excluded). */
export function regionSignature(
  r: Region,
  byId: ReadonlyMap<string, Region> = new Map(),
  depth = 0,
): string {
  const v = r.value as Record<string, unknown>;
  let body: unknown;
  switch (r.type) {
    case 'choice':
      body = sortStrings(r.value.choices);
      break;
    case 'span':
      body = [r.value.start, r.value.end, sortStrings(r.value.labels)];
      break;
    case 'bbox':
      body = [
        r1(r.value.x),
        r1(r.value.y),
        r1(r.value.width),
        r1(r.value.height),
        sortStrings(r.value.labels),
      ];
      break;
    case 'polygon':
      body = [r.value.points.map(([x, y]) => [r1(x), r1(y)]), sortStrings(r.value.labels)];
      break;
    case 'keypoints':
      body = [
        r.value.points.map((p) => [r1(p.x), r1(p.y), p.label ?? '']),
        sortStrings(r.value.labels),
      ];
      break;
    case 'relation': {
      const end = (id: string) => {
        const target = byId.get(id);
        return target && depth < 2 ? regionSignature(target, byId, depth + 1) : `?${id}`;
      };
      body = [end(r.value.from), end(r.value.to), sortStrings(r.value.labels)];
      break;
    }
    default:
      body = v;
  }
  return `${r.control}|${r.type}|${JSON.stringify(body)}|${JSON.stringify(r.attributes ?? {})}`;
}

function signatures(regions: readonly Region[]): Map<string, string> {
  const byId = new Map(regions.map((r) => [r.id, r]));
  return new Map(regions.map((r) => [r.id, regionSignature(r, byId)]));
}

/** For each version, each region's agreement with the other versions. */
export function compareVersions(
  versions: readonly (readonly Region[])[],
): Map<string, Agreement>[] {
  const sigs = versions.map(signatures);
  const sets = sigs.map((m) => new Set(m.values()));
  return sigs.map((mine, i) => {
    const out = new Map<string, Agreement>();
    const others = sets.filter((_, j) => j !== i);
    for (const [id, sig] of mine) {
      const hits = others.filter((s) => s.has(sig)).length;
      out.set(
        id,
        others.length === 0 || hits === others.length ? 'all' : hits > 0 ? 'some' : 'none',
      );
    }
    return out;
  });
}

/** Regions of `a` with no match in `b` and vice versa (the conflict dialog's two sides). */
export function diffTwo(
  a: readonly Region[],
  b: readonly Region[],
): { onlyA: Set<string>; onlyB: Set<string> } {
  const [ma, mb] = compareVersions([a, b]);
  const pick = (m: Map<string, Agreement> | undefined) =>
    new Set(
      Array.from(m ?? [])
        .filter(([, v]) => v === 'none')
        .map(([id]) => id),
    );
  return { onlyA: pick(ma), onlyB: pick(mb) };
}
