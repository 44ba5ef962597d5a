import type { Attribute, Control } from './control.ts';
import type { PathSegment, RawIssue } from './issues.ts';
import type { Region } from './region.ts';

type AttributeValue = NonNullable<Region['attributes']>[string];

function describe(value: AttributeValue): string {
  return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

function optionIssue(def: Attribute, option: string): string | undefined {
  const options = def.options ?? [];
  return options.includes(option)
    ? undefined
    : `"${option}" is not an option of attribute "${def.name}" (options: ${options.join(', ')})`;
}

/** Issues of one attribute value against its definition, at `path`. */
function checkValue(def: Attribute, value: AttributeValue, path: PathSegment[]): RawIssue[] {
  const wrongType = (expected: string): RawIssue[] => [
    { path, message: `attribute "${def.name}" takes ${expected}, not ${describe(value)}` },
  ];
  switch (def.type) {
    case 'text':
      return typeof value === 'string' ? [] : wrongType('text');
    case 'number':
      return typeof value === 'number' ? [] : wrongType('a number');
    case 'boolean':
      return typeof value === 'boolean' ? [] : wrongType('true or false');
    case 'choice': {
      if (typeof value !== 'string') return wrongType('one option (a string)');
      const message = optionIssue(def, value);
      return message ? [{ path, message }] : [];
    }
    case 'multichoice': {
      if (!Array.isArray(value)) return wrongType('a list of options');
      return value.flatMap((option, k): RawIssue[] => {
        const message =
          value.indexOf(option) !== k
            ? `option "${option}" is chosen twice`
            : optionIssue(def, option);
        return message ? [{ path: [...path, k], message }] : [];
      });
    }
  }
}

/**
 * Checks a region's attributes against its control's attribute definitions: known names, the
 * right type, options from the list. `base` is the region's path (`['regions', 3]`).
 *
 * @example
 * checkRegionAttributes(box, control, ['regions', 0]);
 * // [{ path: ['regions', 0, 'attributes', 'colour'], message: '"pink" is not an option ...' }]
 */
export function checkRegionAttributes(
  region: Region,
  control: Control,
  base: PathSegment[],
): RawIssue[] {
  const defs = new Map((control.attributes ?? []).map((a) => [a.name, a]));
  return Object.entries(region.attributes ?? {}).flatMap(([name, value]) => {
    const path = [...base, 'attributes', name];
    const def = defs.get(name);
    if (!def) {
      const known = [...defs.keys()];
      const hint = known.length ? `attributes are ${known.join(', ')}` : 'it defines none';
      return [{ path, message: `control "${control.name}" has no attribute "${name}" (${hint})` }];
    }
    return checkValue(def, value, path);
  });
}

/**
 * Required attributes of the region's control that the region leaves out (checked on submit,
 * not on drafts).
 *
 * @example
 * missingRequiredAttributes(box, control, ['regions', 0]);
 * // [{ path: ['regions', 0, 'attributes'], message: 'attribute "occluded" is required' }]
 */
export function missingRequiredAttributes(
  region: Region,
  control: Control,
  base: PathSegment[],
): RawIssue[] {
  const given = region.attributes ?? {};
  return (control.attributes ?? [])
    .filter((a) => a.required === true && !Object.hasOwn(given, a.name))
    .map((a) => ({
      path: [...base, 'attributes'],
      message: `attribute "${a.name}" of control "${control.name}" is required`,
    }));
}
