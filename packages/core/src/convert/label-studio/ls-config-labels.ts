import { Hotkey } from '../../format/index.ts';
import type { Label } from '../../format/index.ts';
import { ConvertError, reportLoss } from '../errors.ts';
import type { LossOptions } from '../errors.ts';
import { childElements } from '../xml/xml-parse.ts';
import type { XmlElement } from '../xml/xml-parse.ts';

/**
 * Reading Label Studio tags' attributes: case-insensitive names (Label Studio lower-cases
 * them), booleans, hotkeys, colours, and the `<Label>`/`<Choice>`/`<Relation>` children of a
 * control.
 */

/**
 * Where a tag is, for error messages.
 *
 * @example
 * tagWhere(el, 'config'); // { source: 'config', line: 3, column: 5 }
 */
export function tagWhere(
  el: XmlElement,
  source: string,
): { source: string; line: number; column: number } {
  return { source, line: el.line, column: el.column };
}

/**
 * `<Name ...>` with its name attribute, for messages.
 *
 * @example
 * describeTag(parseXml('<Labels name="ner"/>')); // '<Labels name="ner">'
 */
export function describeTag(el: XmlElement): string {
  const name = attr(el, 'name');
  return name === undefined ? `<${el.name}>` : `<${el.name} name="${name}">`;
}

/**
 * An attribute by name, ignoring case (`toName`, `toname` and `TONAME` are one attribute in
 * Label Studio).
 *
 * @example
 * attr(parseXml('<Labels toName="t"/>'), 'toname'); // 't'
 */
export function attr(el: XmlElement, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(el.attributes)) if (k.toLowerCase() === want) return v;
  return undefined;
}

/**
 * Label Studio writes booleans as "true"/"false" (and sometimes "yes"/"no").
 *
 * @example
 * boolAttr(parseXml('<Choices required="true"/>'), 'required'); // true
 */
export function boolAttr(el: XmlElement, name: string): boolean {
  const v = attr(el, name)?.trim().toLowerCase();
  return v === 'true' || v === 'yes' || v === '1';
}

const NAMED_COLORS: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  purple: '#800080',
  pink: '#ffc0cb',
  brown: '#a52a2a',
  gray: '#808080',
  grey: '#808080',
  cyan: '#00ffff',
  aqua: '#00ffff',
  magenta: '#ff00ff',
  fuchsia: '#ff00ff',
  lime: '#00ff00',
  navy: '#000080',
  teal: '#008080',
  olive: '#808000',
  maroon: '#800000',
  silver: '#c0c0c0',
  gold: '#ffd700',
  violet: '#ee82ee',
  indigo: '#4b0082',
  orangered: '#ff4500',
  darkorange: '#ff8c00',
  darkgreen: '#006400',
  lightblue: '#add8e6',
  lightgreen: '#90ee90',
  crimson: '#dc143c',
  coral: '#ff7f50',
  tomato: '#ff6347',
};

function hex2(n: number): string {
  return Math.max(0, Math.min(255, Math.round(n)))
    .toString(16)
    .padStart(2, '0');
}

/**
 * A CSS colour as Tessera's `#rrggbb`: `#rgb`, `#rrggbb`, `#rrggbbaa` (alpha dropped),
 * `rgb()`/`rgba()` and common colour names; undefined for anything else.
 *
 * @example
 * cssColorToHex('#f80'); // '#ff8800'
 * cssColorToHex('rgba(255, 0, 0, 0.5)'); // '#ff0000'
 */
export function cssColorToHex(css: string): string | undefined {
  const c = css.trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(c)) return c;
  if (/^#[0-9a-f]{8}$/.test(c)) return c.slice(0, 7);
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  const rgb = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*[\d.]+\s*)?\)$/.exec(
    c,
  );
  if (rgb) return `#${hex2(Number(rgb[1]))}${hex2(Number(rgb[2]))}${hex2(Number(rgb[3]))}`;
  return NAMED_COLORS[c];
}

/**
 * A Label Studio hotkey in Tessera's form (lower case), or a ConvertError at the tag.
 *
 * @example
 * hotkeyOf(parseXml('<Label value="A" hotkey="Ctrl+1"/>'), 'config'); // 'ctrl+1'
 */
export function hotkeyOf(el: XmlElement, source: string): string | undefined {
  const raw = attr(el, 'hotkey');
  if (raw === undefined || raw.trim() === '') return undefined;
  const hotkey = raw.trim().toLowerCase();
  if (!Hotkey.safeParse(hotkey).success) {
    throw new ConvertError(
      tagWhere(el, source),
      `${describeTag(el)}: hotkey "${raw}" is not one Tessera supports (a key like "1" or "q", optionally after ctrl, alt, shift, meta or mod joined by "+")`,
    );
  }
  return hotkey;
}

/**
 * One `<Label>`/`<Choice>`/`<Relation>` as a Tessera label: the stored value is the `alias`
 * when there is one (Label Studio saves the alias in results), else `value`; `background`
 * becomes the colour, `hint` the description.
 *
 * @example
 * labelOf(parseXml('<Label value="PER" background="red"/>'), 'config', {}); // { value: 'PER', color: '#ff0000' }
 */
export function labelOf(el: XmlElement, source: string, options: LossOptions): Label {
  const value = attr(el, 'alias') ?? attr(el, 'value');
  if (value === undefined || value.trim() === '') {
    throw new ConvertError(tagWhere(el, source), `<${el.name}> needs a value attribute`);
  }
  const label: Label = { value };
  const hotkey = hotkeyOf(el, source);
  if (hotkey) label.hotkey = hotkey;
  const background = attr(el, 'background');
  if (background !== undefined) {
    const color = cssColorToHex(background);
    if (color) label.color = color;
    else
      reportLoss(
        options,
        tagWhere(el, source),
        `colour "${background}" is not #rrggbb, rgb() or a common name; dropped`,
      );
  }
  const hint =
    attr(el, 'hint') ?? (attr(el, 'alias') !== undefined ? attr(el, 'value') : undefined);
  if (hint !== undefined && hint !== '') label.description = hint;
  return label;
}

/**
 * The label children of a control: elements named `childTag` (case-insensitive), looking
 * through `<View>` and `<Header>` wrappers; any other child is an error naming it.
 *
 * @example
 * labelChildren(parseXml('<Labels><Label value="A"/></Labels>'), 'label', 'config', {}); // [{ value: 'A' }]
 */
export function labelChildren(
  el: XmlElement,
  childTag: string,
  source: string,
  options: LossOptions,
): Label[] {
  const out: Label[] = [];
  for (const child of childElements(el)) {
    const tag = child.name.toLowerCase();
    if (tag === childTag) out.push(labelOf(child, source, options));
    else if (tag === 'view') out.push(...labelChildren(child, childTag, source, options));
    else if (tag !== 'header' && tag !== 'style') {
      throw new ConvertError(
        tagWhere(child, source),
        `unsupported tag <${child.name}> inside ${describeTag(el)} (expected <${childTag === 'label' ? 'Label' : childTag === 'choice' ? 'Choice' : 'Relation'}>)`,
      );
    }
  }
  return out;
}
