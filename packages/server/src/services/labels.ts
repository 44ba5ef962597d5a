/**
 * The label values an annotation uses (span/box labels and chosen classes), indexed so the task
 * list can filter by label.
 */
export function regionLabels(regions: ReadonlyArray<{ value?: unknown }>): string[] {
  const out = new Set<string>();
  for (const r of regions) {
    const v = r.value as { labels?: unknown; choices?: unknown } | undefined;
    for (const list of [v?.labels, v?.choices]) {
      if (Array.isArray(list)) for (const l of list) if (typeof l === 'string') out.add(l);
    }
  }
  return [...out];
}
