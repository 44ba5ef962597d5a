/**
 * An HTML field: the only place the app renders markup from task data, and only after
 * DOMPurify has removed scripts, event handlers and dangerous URLs. Everything else in the app
 * renders task data as text.
 *
 * @example
 * <HtmlField value={task.data.page} />
 */
import { useMemo } from 'react';
import DOMPurify from 'dompurify';
import { safeImageUrl } from '../../components/safe-url.ts';

// Images in task HTML may only load from URLs the app would load itself (no tracking pixels
// to odd schemes, no relative junk that hits the SPA fallback).
DOMPurify.addHook('uponSanitizeAttribute', (node, data) => {
  if (node.nodeName === 'IMG' && data.attrName === 'src' && !safeImageUrl(data.attrValue))
    data.keepAttr = false;
});

/** Sanitised HTML content. */
export function HtmlField({ value }: { value: unknown }) {
  const clean = useMemo(
    () =>
      DOMPurify.sanitize(typeof value === 'string' ? value : '', {
        USE_PROFILES: { html: true },
        FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'],
        FORBID_ATTR: ['style'],
      }),
    [value],
  );
  return <div className="html-field" dangerouslySetInnerHTML={{ __html: clean }} />;
}
