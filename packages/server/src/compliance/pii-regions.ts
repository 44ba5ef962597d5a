/**
 * Span regions quote the text they cover (`value.text`), so a task shown masked must have its
 * annotations' and predictions' quotes masked too, or a model's NER prediction would hand an
 * annotator the phone number the text hides.
 */

import { sliceCodePoints } from '@tessera/core/compliance';
import type { LabelingSchema } from '@tessera/core/format';

type Region = { control?: unknown; type?: unknown; value?: unknown };

/**
 * Replaces the quotes of span regions. When masking kept the text length (the `mask`
 * operator), the quote is re-cut from the masked field at the span's offsets; otherwise
 * offsets no longer line up and `redactQuote` masks the quote on its own.
 * @example maskSpanQuotes(annotation.regions, schema, maskedData, true, (s) => s)
 */
export function maskSpanQuotes(
  regions: unknown,
  schema: LabelingSchema,
  maskedData: unknown,
  lengthKept: boolean,
  redactQuote: (quote: string) => string,
): unknown {
  if (!Array.isArray(regions) || !maskedData || typeof maskedData !== 'object') return regions;
  const data = maskedData as Record<string, unknown>;
  return (regions as Region[]).map((r) => {
    const v = r?.value as { start?: unknown; end?: unknown; text?: unknown } | undefined;
    if (r?.type !== 'span' || !v || typeof v.text !== 'string') return r;
    const control = schema.controls.find((c) => c.name === r.control);
    const field = control && 'field' in control ? data[control.field] : undefined;
    const { start, end } = v;
    const text =
      lengthKept && typeof field === 'string' && Number.isInteger(start) && Number.isInteger(end)
        ? sliceCodePoints(field, start as number, end as number)
        : redactQuote(v.text);
    return { ...r, value: { ...v, text } };
  });
}
