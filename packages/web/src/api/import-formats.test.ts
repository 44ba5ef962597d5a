import { describe, expect, it } from 'vitest';
import { detectFormat, IMPORT_CHOICES, importContentType } from './import-formats.ts';

describe('import format detection', () => {
  it('detects from the file name', () => {
    expect(detectFormat('tasks.jsonl')).toBe('jsonl');
    expect(detectFormat('TASKS.NDJSON')).toBe('jsonl');
    expect(detectFormat('train.hf.jsonl')).toBe('hf');
    expect(detectFormat('huggingface-train.jsonl')).toBe('hf');
    expect(detectFormat('reviews.csv')).toBe('csv');
    expect(detectFormat('ner.conll')).toBe('conll');
    expect(detectFormat('dev.bio')).toBe('conll');
    expect(detectFormat('dataset.zip')).toBe('zip');
    expect(detectFormat('instances_val2017.json')).toBe('coco');
    expect(detectFormat('label-studio-export.json')).toBe('ls');
    expect(detectFormat('tasks.json')).toBe('json');
    expect(detectFormat('notes.txt')).toBeUndefined();
    expect(detectFormat('no-extension')).toBeUndefined();
  });

  it('looks inside a .json: a Label Studio export or a COCO document', () => {
    const ls = '[{"id": 1, "data": {"text": "hi"}, "annotations": [{"result": []}]}]';
    expect(detectFormat('project-1-at-2026-11-28-04-00-5f1e.json', ls)).toBe('ls');
    expect(detectFormat('export.json', '  [{"data": {"t": 1}, "predictions": []}]')).toBe('ls');
    const coco = '{"info": {}, "images": [{"id": 1}], "annotations": [], "categories": []}';
    expect(detectFormat('export.json', coco)).toBe('coco');
    // Plain Tessera JSON with "annotations" in an object is not Label Studio.
    expect(detectFormat('export.json', '{"data": {"t": 1}, "annotations": []}')).toBe('json');
    expect(detectFormat('export.json', '[{"data": {"t": 1}}]')).toBe('json');
  });

  it('sends each format with a matching content type', () => {
    expect(importContentType('ls')).toBe('application/json');
    expect(importContentType('coco')).toBe('application/json');
    expect(importContentType('conll')).toBe('text/plain');
    expect(importContentType('hf')).toBe('application/x-ndjson');
    expect(importContentType('csv')).toBe('text/csv');
    expect(IMPORT_CHOICES).toContain('zip');
  });
});
