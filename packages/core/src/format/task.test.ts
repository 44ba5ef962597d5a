import { describe, expect, it } from 'vitest';
import { Annotation, Prediction } from './annotation.ts';
import { zodIssuesToIssues } from './issues.ts';
import { parseTask } from './task.ts';

const span = (id: string): unknown => ({
  id,
  control: 'entities',
  type: 'span',
  value: { start: 0, end: 1, labels: ['PER'] },
});

describe('parseTask', () => {
  it('treats an object without `data` as a bare task and keeps every field', () => {
    const bare = {
      text: 'Alice',
      image: 'https://example.com/a.jpg',
      nested: { k: [1, 2] },
      id: 7,
    };
    expect(parseTask(bare)).toEqual({ ok: true, value: { data: bare } });
  });

  it('keeps unknown data fields of a wrapped task', () => {
    const task = { id: 't1', data: { text: 'x', extra_column: null }, meta: { anything: [true] } };
    expect(parseTask(task)).toEqual({ ok: true, value: task });
  });

  it('parses a task with provenance, annotations, predictions and consensus', () => {
    const task = {
      id: 3,
      data: { text: 'Alice' },
      provenance: {
        source: 'https://example.com/a.txt',
        sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        licence: 'CC0-1.0',
        collected_at: '2025-01-31',
      },
      annotations: [
        { id: 1, regions: [span('s1')], origin: 'human', status: 'draft', lead_time_ms: 1200 },
      ],
      predictions: [{ model: 'm', model_version: '1', score: 0.5, regions: [span('s1')] }],
      consensus: { origin: 'consensus', regions: [] },
    };
    expect(parseTask(task)).toEqual({ ok: true, value: task });
  });

  it('rejects what is not an object', () => {
    for (const input of [null, 5, 'text', [{ data: {} }]]) {
      expect(parseTask(input)).toEqual({
        ok: false,
        issues: [{ path: '', message: 'a task must be a JSON object' }],
      });
    }
  });

  it('reports bad data, unknown keys and bad provenance with paths', () => {
    const r = parseTask({
      data: 'x',
      created_at: 'now',
      provenance: { sha256: 'ABC', collected_at: 'yesterday' },
    });
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual([
      'data',
      'provenance.sha256',
      'provenance.collected_at',
      'created_at',
    ]);
  });

  it('rejects empty data, also as a bare task', () => {
    expect(parseTask({})).toEqual({
      ok: false,
      issues: [{ path: 'data', message: 'data needs at least one field' }],
    });
    expect(parseTask({ data: {} }).ok).toBe(false);
  });

  it('reports region issues deep inside annotations', () => {
    const r = parseTask({
      data: { text: 'x' },
      annotations: [{ regions: [span('s1'), { ...(span('s2') as object), type: 'spam' }] }],
    });
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual(['annotations[0].regions[1].type']);
  });
});

describe('Annotation and Prediction', () => {
  const rel = { id: 'r1', control: 'rel', type: 'relation', value: { from: 's1', to: 's9' } };

  it('check region ids and references without a schema', () => {
    const a = Annotation.safeParse({ regions: [span('s1'), span('s1'), rel] });
    expect(zodIssuesToIssues(a.error!)).toEqual([
      { path: 'regions[1].id', message: 'duplicate region id "s1" (also regions[0])' },
      { path: 'regions[2].value.to', message: 'no region with id "s9" in this annotation' },
    ]);
    const p = Prediction.safeParse({ model: 'm', model_version: '1', regions: [rel] });
    expect(zodIssuesToIssues(p.error!).map((i) => i.path)).toEqual([
      'regions[0].value.from',
      'regions[0].value.to',
    ]);
  });

  it('validate the annotation metadata', () => {
    const a = Annotation.safeParse({
      regions: [],
      origin: 'robot',
      status: 'done',
      lead_time_ms: -1,
      created_at: '2025-01-31 10:00',
      schema_version: 0,
    });
    expect(zodIssuesToIssues(a.error!).map((i) => i.path)).toEqual([
      'origin',
      'status',
      'lead_time_ms',
      'created_at',
      'schema_version',
    ]);
  });

  it('need a model name and version on predictions', () => {
    const p = Prediction.safeParse({ regions: [], score: 2 });
    expect(zodIssuesToIssues(p.error!)).toEqual([
      { path: 'model', message: 'required (expected string)' },
      { path: 'model_version', message: 'required (expected string)' },
      { path: 'score', message: 'Too big: expected number to be <=1' },
    ]);
  });
});
