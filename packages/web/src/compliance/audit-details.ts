/**
 * Short text of an audit row's details for a table cell: `key: value` pairs, arrays shortened,
 * the whole cut at a length (the full JSON goes in a tooltip).
 *
 * @example
 * detailsText({ tasks: [1, 2, 3, 4, 5, 6], entities: { CN_MOBILE: 1 } })
 * // 'tasks: [1, 2, 3, 4, 5, …6] · entities: {CN_MOBILE: 1}'
 */

function short(v: unknown, depth: number): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) {
    const head = v.slice(0, 5).map((x) => short(x, depth + 1));
    return `[${head.join(', ')}${v.length > 5 ? `, …${v.length}` : ''}]`;
  }
  if (typeof v === 'object') {
    if (depth > 1) return '{…}';
    const parts = Object.entries(v).map(([k, x]) => `${k}: ${short(x, depth + 1)}`);
    return `{${parts.join(', ')}}`;
  }
  return String(v);
}

/** The cell text of a row's details. */
export function detailsText(details: unknown, max = 160): string {
  if (details === null || details === undefined) return '';
  const text =
    typeof details === 'object' && !Array.isArray(details)
      ? Object.entries(details)
          .map(([k, v]) => `${k}: ${short(v, 1)}`)
          .join(' · ')
      : short(details, 0);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The i18n key of an action's name (dots are key separators in i18next, so they become `_`).
 * @example actionKey('pii.view_original') // 'audit.actions.pii_view_original'
 */
export function actionKey(action: string): string {
  return `audit.actions.${action.replace(/[^a-z0-9_]/gi, '_')}`;
}
