import type { RawIssue } from './issues.ts';
import type { Region } from './region.ts';

/**
 * The region id of every reference a region makes (relation and link endpoints), with the
 * path of the reference inside the region's `value`.
 *
 * @example
 * regionReferences(relation); // [{ id: 's1', path: ['from'] }, { id: 's2', path: ['to'] }]
 */
export function regionReferences(region: Region): { id: string; path: (string | number)[] }[] {
  if (region.type === 'relation') {
    return [
      { id: region.value.from, path: ['from'] },
      { id: region.value.to, path: ['to'] },
    ];
  }
  if (region.type === 'link') {
    return [
      { id: region.value.from.region, path: ['from', 'region'] },
      { id: region.value.to.region, path: ['to', 'region'] },
    ];
  }
  return [];
}

/**
 * Checks that need no labeling schema: region ids are unique, and relation and link endpoints
 * name regions of the same list. Issue paths start with `regions`. Entries that are
 * `undefined` (regions that failed to parse) are skipped; pass their ids in `otherIds` so that
 * references to them are not reported a second time.
 *
 * @example
 * checkRegionReferences([span, { ...span }]); // [{ path: ['regions', 1, 'id'], message: ... }]
 */
export function checkRegionReferences(
  regions: readonly (Region | undefined)[],
  otherIds: ReadonlySet<string> = new Set(),
): RawIssue[] {
  const issues: RawIssue[] = [];
  const firstIndex = new Map<string, number>();
  regions.forEach((r, i) => {
    if (!r) return;
    const first = firstIndex.get(r.id);
    if (first === undefined) firstIndex.set(r.id, i);
    else {
      issues.push({
        path: ['regions', i, 'id'],
        message: `duplicate region id "${r.id}" (also regions[${first}])`,
      });
    }
  });
  regions.forEach((r, i) => {
    if (!r) return;
    for (const ref of regionReferences(r)) {
      if (!firstIndex.has(ref.id) && !otherIds.has(ref.id)) {
        issues.push({
          path: ['regions', i, 'value', ...ref.path],
          message: `no region with id "${ref.id}" in this annotation`,
        });
      }
    }
  });
  return issues;
}
