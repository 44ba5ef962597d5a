/**
 * The formats the import dialog offers: Tessera's own (JSONL, JSON, CSV), other tools' files
 * converted on the server (Label Studio JSON, COCO, CoNLL, Hugging Face JSONL), and zipped
 * datasets (YOLO, Pascal VOC, COCO with images) that go to the archive endpoint. Detecting a
 * format from a file name (and, for `.json`, from the first bytes) is pure, so it is tested.
 *
 * @example
 * detectFormat('export.conll'); // 'conll'
 * detectFormat('project-1-at-2026.json', '[{"id":1,"annotations":[…'); // 'ls'
 */

/** Formats of `POST /api/projects/:id/import?format=`. */
export type ImportFormat = 'jsonl' | 'json' | 'csv' | 'ls' | 'coco' | 'conll' | 'hf';

/** What happens at a refused record: the import skips it and goes on, or stops there. */
export type ImportOnError = 'skip' | 'abort';

/** What the dialog offers: a body format, or a zip archive (`/import/archive`). */
export type ImportChoice = ImportFormat | 'zip';

/** Every choice in the order the picker shows them. */
export const IMPORT_CHOICES: readonly ImportChoice[] = [
  'jsonl',
  'json',
  'csv',
  'ls',
  'coco',
  'conll',
  'hf',
  'zip',
];

/** File extensions the file picker accepts. */
export const IMPORT_ACCEPT = '.jsonl,.ndjson,.json,.csv,.tsv,.txt,.conll,.conllu,.bio,.iob,.zip';

/**
 * The Content-Type a format is sent with.
 *
 * @example
 * importContentType('conll'); // 'text/plain'
 */
export function importContentType(format: ImportFormat): string {
  switch (format) {
    case 'csv':
      return 'text/csv';
    case 'json':
    case 'ls':
    case 'coco':
      return 'application/json';
    case 'conll':
      return 'text/plain';
    case 'jsonl':
    case 'hf':
      return 'application/x-ndjson';
  }
}

/**
 * Guesses a `.json` file's format from its first bytes: a COCO document has `images` and
 * `annotations` at the top; a Label Studio export is a list of tasks whose items carry
 * `annotations`, `predictions` or `completions` beside `data`. Otherwise plain JSON.
 */
function sniffJson(head: string): ImportFormat {
  const start = head.trimStart();
  if (start.startsWith('{') && /"images"\s*:/.test(head) && /"annotations"\s*:/.test(head))
    return 'coco';
  if (start.startsWith('[') && /"(annotations|predictions|completions)"\s*:/.test(head))
    return 'ls';
  return 'json';
}

/**
 * The format of a file from its name (and, for `.json`, its first few kilobytes when given);
 * undefined when the name says nothing (the user chooses).
 *
 * @example
 * detectFormat('data.zip'); // 'zip'
 * detectFormat('train.hf.jsonl'); // 'hf'
 * detectFormat('instances_val2017.json'); // 'coco'
 */
export function detectFormat(name: string, head?: string): ImportChoice | undefined {
  const n = name.toLowerCase();
  const ext = /\.([a-z0-9]+)$/.exec(n)?.[1];
  switch (ext) {
    case 'zip':
      return 'zip';
    case 'csv':
    case 'tsv':
      return 'csv';
    case 'conll':
    case 'conllu':
    case 'bio':
    case 'iob':
      return 'conll';
    case 'jsonl':
    case 'ndjson':
      return /(^|[._-])(hf|huggingface|hugging-face)([._-]|$)/.test(n) ? 'hf' : 'jsonl';
    case 'json': {
      if (head !== undefined) {
        const sniffed = sniffJson(head);
        if (sniffed !== 'json') return sniffed;
      }
      if (/(^|[._-])(coco|instances)([._-]|$)/.test(n)) return 'coco';
      if (/(^|[._-])(label-?studio|ls)([._-]|$)/.test(n)) return 'ls';
      return 'json';
    }
    default:
      return undefined;
  }
}
