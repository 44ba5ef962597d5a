import { describe, expect, it } from 'vitest';
import type { Model } from '../api/ml-types.ts';
import {
  createBody,
  emptyForm,
  formOfModel,
  issuesByField,
  patchBody,
  settingsOf,
} from './model-form.ts';

const stored: Model = {
  id: 3,
  project_id: 1,
  name: 'gpt',
  kind: 'openai-chat',
  version: 'qwen',
  controls: ['label'],
  settings: {
    url: 'https://llm.example.org/v1',
    model: 'qwen',
    few_shot: 5,
    temperature: 0,
    max_tokens: 1024,
    retrain_every: 0,
    active_learning: { strategy: 'entropy', diversity: 0.3 },
    batch_size: 50,
    concurrency: 2,
    timeout_ms: 30000,
    retries: 2,
    backoff_ms: 200,
  },
  has_secret: true,
  active: true,
  trained: false,
  labels_trained: 0,
  trained_at: null,
  created_at: '',
  updated_at: '',
};

describe('model form → API body', () => {
  it('builds a create body with typed settings, nested keys and the key', () => {
    const r = createBody({
      ...emptyForm('openai-chat', ['label']),
      name: ' my llm ',
      fields: {
        url: 'https://llm.example.org/v1',
        model: 'qwen2.5',
        temperature: '0.2',
        'active_learning.strategy': 'margin',
        few_shot: '',
      },
      secret: 'sk-secret',
    });
    expect(r).toEqual({
      ok: true,
      body: {
        name: 'my llm',
        kind: 'openai-chat',
        controls: ['label'],
        active: true,
        settings: {
          url: 'https://llm.example.org/v1',
          model: 'qwen2.5',
          temperature: 0.2,
          active_learning: { strategy: 'margin' },
        },
        secret: 'sk-secret',
      },
    });
  });

  it('sends no settings and no key when nothing was typed; never a key for online learners', () => {
    const r = createBody({
      ...emptyForm('text-classifier', ['sentiment']),
      name: 'clf',
      secret: 'x',
    });
    expect(r).toEqual({
      ok: true,
      body: { name: 'clf', kind: 'text-classifier', controls: ['sentiment'], active: true },
    });
  });

  it('names every wrong input', () => {
    const r = createBody({
      ...emptyForm('ls-ml-backend', []),
      name: 'bad/name',
      fields: { tasks_per_call: '0', retrain_every: '1.5' },
      extra: '[1]',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.fromEntries(r.issues.map((i) => [i.field, i.message]))).toEqual({
      name: '1–64 letters, digits, _ . - or spaces',
      controls: 'choose a control',
      extra: 'must be a JSON object',
      url: 'required',
      tasks_per_call: 'must be from 1 to 100',
      retrain_every: 'must be a whole number',
    });
    const two = createBody({ ...emptyForm('span-tagger', ['a', 'b']), name: 'x' });
    expect(two.ok ? [] : two.issues).toEqual([
      { field: 'controls', message: 'an online learner serves exactly one control' },
    ]);
    const url = createBody({
      ...emptyForm('ls-ml-backend', ['a']),
      name: 'x',
      fields: { url: 'ftp://x' },
    });
    expect(url.ok ? [] : url.issues).toEqual([{ field: 'url', message: 'must be an http(s) URL' }]);
  });

  it('edits a stored model: the key stays write-only unless typed or removed', () => {
    const f = formOfModel(stored);
    expect(f.secret).toBe('');
    expect(f.fields.url).toBe('https://llm.example.org/v1');
    expect(f.fields['active_learning.diversity']).toBe('0.3');
    // Settings without an input stay, as JSON.
    expect(JSON.parse(f.extra)).toEqual({ retrain_every: 0, backoff_ms: 200 });
    const keep = patchBody(f);
    expect(keep.ok && 'secret' in keep.body).toBe(false);
    expect(keep.ok && keep.body.settings).toEqual(stored.settings);
    const typed = patchBody({ ...f, secret: 'sk-new' });
    expect(typed.ok && typed.body.secret).toBe('sk-new');
    const cleared = patchBody({ ...f, secret: 'ignored', clearSecret: true });
    expect(cleared.ok && cleared.body.secret).toBeNull();
  });

  it('keeps every setting of a kind this build does not know as JSON', () => {
    const m = { ...stored, kind: 'vision-detector', settings: { threshold: 0.5 } };
    expect(settingsOf(m.kind)).toEqual([]);
    const f = formOfModel(m);
    expect(JSON.parse(f.extra)).toEqual({ threshold: 0.5 });
    const p = patchBody({ ...f, extra: '{"threshold": 0.7}' });
    expect(p.ok && p.body.settings).toEqual({ threshold: 0.7 });
    expect(patchBody({ ...f, extra: '{oops' })).toMatchObject({
      ok: false,
      issues: [{ field: 'extra' }],
    });
  });
});

describe('server issues on the form', () => {
  it('puts a refused URL on the URL input and paths on their inputs', () => {
    expect(issuesByField('fetch_refused', 'The URL could not be fetched', [])).toEqual({
      url: 'The URL could not be fetched',
    });
    expect(
      issuesByField('validation_failed', 'Invalid model settings', [
        { path: 'settings.timeout_ms', message: 'too small' },
        { path: 'body.name', message: 'letters, digits' },
      ]),
    ).toEqual({ timeout_ms: 'too small', name: 'letters, digits' });
    expect(issuesByField('model_exists', 'already has a model named "x"', [])).toEqual({
      '': 'already has a model named "x"',
    });
  });
});

describe('vision models', () => {
  it('sends the label map as an object and names a bad one', () => {
    const ok = createBody({
      ...emptyForm('vision-objects', ['objects']),
      name: 'detector',
      fields: { min_score: '0.4', label_map: '{"cup": "Mug"}' },
    });
    expect(ok.ok && ok.body.settings).toEqual({ min_score: 0.4, label_map: { cup: 'Mug' } });
    const bad = createBody({
      ...emptyForm('vision-faces', ['faces']),
      name: 'faces',
      fields: { label_map: '["face"]' },
    });
    expect(bad.ok ? [] : bad.issues).toEqual([
      { field: 'label_map', message: 'must be a JSON object' },
    ]);
  });
});
