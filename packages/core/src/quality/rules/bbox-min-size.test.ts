import { describe, expect, it } from 'vitest';
import type { Region } from '../../format/index.ts';
import { box, imageSchema, runRules } from './test-builders.ts';

const data = { image: 'https://example.com/a.jpg', video: 'https://example.com/a.mp4' };

describe('bbox_min_size', () => {
  it('reports a box below the minimum, naming its size and the minimum', () => {
    const rule = {
      id: 'min-person',
      kind: 'bbox_min_size',
      severity: 'warn',
      labels: ['person'],
      min_width: 8,
      min_height: 8,
    };
    const regions = [
      box('b1', 0, 0, 30, 30, ['person']),
      box('b2', 0, 0, 3, 40, ['person']),
      box('b3', 0, 0, 3, 3, ['car']),
    ];
    expect(runRules([rule], { schema: imageSchema(), regions, data })).toEqual([
      {
        rule: 'min-person',
        kind: 'bbox_min_size',
        severity: 'warn',
        message:
          'Box "b2" (control "objects", label "person") is 3×40 px, smaller than the minimum 8×8 px: enlarge it, or delete it if the object is too small to label.',
        path: 'regions[1].value.width',
        region_id: 'b2',
      },
    ]);
  });

  it('applies to every shape of the listed controls, with one side only', () => {
    const rule = { kind: 'bbox_min_size', severity: 'block', controls: ['areas'], min_height: 10 };
    const regions: Region[] = [
      box('b1', 0, 0, 1, 1),
      {
        id: 'p1',
        control: 'areas',
        type: 'polygon',
        value: {
          points: [
            [0, 0],
            [50, 2],
            [0, 4],
          ],
          labels: ['road'],
        },
      },
    ];
    const findings = runRules([rule], { schema: imageSchema(), regions, data });
    expect(findings.map((f) => [f.region_id, f.path])).toEqual([['p1', 'regions[1].value.points']]);
    expect(findings[0]?.message).toContain(
      'is 50×4 px across, smaller than the minimum 10 px high',
    );
  });

  it('checks enabled track keyframes and names the frame', () => {
    const rule = { kind: 'bbox_min_size', severity: 'warn', min_width: 5 };
    const regions: Region[] = [
      {
        id: 't1',
        control: 'tracks',
        type: 'track',
        value: {
          keyframes: [
            { frame: 0, x: 0, y: 0, width: 2, height: 9, enabled: false },
            { frame: 4, x: 0, y: 0, width: 9, height: 9 },
            { frame: 8, x: 0, y: 0, width: 4, height: 9 },
          ],
          labels: ['car'],
        },
      },
    ];
    const findings = runRules([rule], { schema: imageSchema(), regions, data });
    expect(findings.map((f) => f.path)).toEqual(['regions[0].value.keyframes[2]']);
    expect(findings[0]?.message).toContain(
      'is 4×9 px at frame 8, smaller than the minimum 5 px wide',
    );
  });

  it('passes boxes at exactly the minimum', () => {
    const rule = { kind: 'bbox_min_size', severity: 'block', min_width: 8, min_height: 8 };
    expect(
      runRules([rule], { schema: imageSchema(), regions: [box('b1', 0, 0, 8, 8)], data }),
    ).toEqual([]);
  });
});
