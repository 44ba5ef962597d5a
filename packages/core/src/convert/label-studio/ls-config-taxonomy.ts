import type { Label } from '../../format/index.ts';
import { ConvertError } from '../errors.ts';
import type { LossOptions } from '../errors.ts';
import { childElements } from '../xml/xml-parse.ts';
import type { XmlElement } from '../xml/xml-parse.ts';
import { boolAttr, describeTag, labelOf, tagWhere } from './ls-config-labels.ts';
import { TAXONOMY_SEPARATOR } from './ls-mapping.ts';

/**
 * A `<Taxonomy>` tree as a flat label list: each node is one choice whose value is its path
 * joined with " / " (`Online / Paywall / NY Times`); with `leafsOnly`, only leaves are.
 * Results' `taxonomy` paths map to these values and back.
 *
 * @example
 * taxonomyLabels(parseXml('<Taxonomy><Choice value="A"><Choice value="B"/></Choice></Taxonomy>'), 'c', {})
 *   .map((l) => l.value); // ['A', 'A / B']
 */
export function taxonomyLabels(el: XmlElement, source: string, options: LossOptions): Label[] {
  const leafsOnly = boolAttr(el, 'leafsOnly');
  const out: Label[] = [];
  const walk = (node: XmlElement, path: string[]): void => {
    for (const child of childElements(node)) {
      const tag = child.name.toLowerCase();
      if (tag === 'view' || tag === 'header') {
        walk(child, path);
        continue;
      }
      if (tag !== 'choice') {
        throw new ConvertError(
          tagWhere(child, source),
          `unsupported tag <${child.name}> inside ${describeTag(el)} (expected <Choice>)`,
        );
      }
      const label = labelOf(child, source, options);
      if (label.value.includes(TAXONOMY_SEPARATOR)) {
        throw new ConvertError(
          tagWhere(child, source),
          `taxonomy value "${label.value}" contains "${TAXONOMY_SEPARATOR}", which Tessera uses to join taxonomy levels`,
        );
      }
      const full = [...path, label.value];
      const isLeaf = !childElements(child).some((c) => c.name.toLowerCase() === 'choice');
      if (!leafsOnly || isLeaf) out.push({ ...label, value: full.join(TAXONOMY_SEPARATOR) });
      walk(child, full);
    }
  };
  walk(el, []);
  if (out.length === 0)
    throw new ConvertError(tagWhere(el, source), `${describeTag(el)} has no <Choice>`);
  return out;
}
