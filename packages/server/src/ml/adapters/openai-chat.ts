import type { Control, LabelingSchema } from '@tessera/core/format';
import type { AdapterExample, AdapterTask } from '@tessera/core/learn';
import type { SafeFetcher } from '../../media/safe-fetch.ts';
import type { CircuitBreaker } from '../circuit-breaker.ts';
import { callJson, ModelCallError } from '../model-http.ts';
import type { OpenAiSettings } from '../model-settings.ts';
import type { MlAdapter, MlPrediction } from '../types.ts';
import { answerToRegions, llmControls, responseSchema } from './llm-schema.ts';

/** What the adapter needs besides its settings. */
export interface OpenAiDeps {
  fetcher: SafeFetcher;
  breaker: CircuitBreaker;
  schema: LabelingSchema;
  apiKey: string | undefined;
  /** Accepted annotations to show as worked examples (already limited to `few_shot`). */
  examples: readonly AdapterExample[];
}

type Msg = { role: 'system' | 'user' | 'assistant'; content: string };
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const MAX_FIELD_CHARS = 8000;

/**
 * An OpenAI-compatible chat-completions endpoint for zero- and few-shot labeling. Each task
 * is one request with `response_format: {type: "json_schema", json_schema: {strict: true}}`
 * built from the project's controls ({@link responseSchema}); accepted annotations are shown
 * first as user/assistant pairs. The answer is checked against the schema and mapped to
 * regions; anything else is `rejected` for that task. The score is the model's self-reported
 * `confidence` (uncalibrated: use it for ordering, not as a probability).
 *
 * @example
 * const a = new OpenAiChatAdapter('gpt', ['sentiment'], settings, deps);
 * const [p] = await a.predict([{ id: 1, data: { text: '好评!' } }]);
 */
export class OpenAiChatAdapter implements MlAdapter {
  readonly inProcess = false;
  readonly version: string;
  private readonly targets: Control[];
  private readonly shots: Msg[];

  constructor(
    readonly name: string,
    readonly controls: string[],
    private readonly settings: OpenAiSettings,
    private readonly deps: OpenAiDeps,
  ) {
    this.targets = llmControls(deps.schema, controls);
    this.version = `${settings.model}`.slice(0, 200);
    this.shots = deps.examples.flatMap((ex) => {
      const answer = this.expectedAnswer(ex);
      return answer
        ? [this.userMessage(ex.task), { role: 'assistant' as const, content: answer }]
        : [];
    });
  }

  private endpoint(): string {
    const u = this.settings.url.replace(/\/+$/, '');
    return u.endsWith('/chat/completions') ? u : `${u}/chat/completions`;
  }

  private system(): string {
    const list = this.targets
      .map((c) => {
        const labels = (c.labels ?? []).map(
          (l) => l.value + (l.description ? ` (${l.description})` : ''),
        );
        return `- ${c.name} (${c.type})${c.description ? `: ${c.description}` : ''}${labels.length ? `; labels: ${labels.join(', ')}` : ''}`;
      })
      .join('\n');
    return [
      'You label data for a machine-learning dataset. Answer only with JSON matching the schema.',
      'For spans, copy the exact text from the task. Set confidence to how sure you are (0 to 1).',
      `Controls:\n${list}`,
      this.settings.instructions ?? '',
    ]
      .filter(Boolean)
      .join('\n\n');
  }

  private userMessage(task: AdapterTask): Msg {
    const lines = this.deps.schema.fields.map((f) => {
      const v = task.data[f.name];
      const s = typeof v === 'string' ? v : JSON.stringify(v ?? null);
      return `${f.name}: ${s.slice(0, MAX_FIELD_CHARS)}`;
    });
    return { role: 'user', content: lines.join('\n') };
  }

  /** An accepted annotation as the JSON answer we want, or undefined if it has none of ours. */
  private expectedAnswer(ex: AdapterExample): string | undefined {
    const out: Obj = {};
    let any = false;
    for (const c of this.targets) {
      const rs = ex.regions.filter((r) => r.control === c.name);
      if (rs.length) any = true;
      if (c.type === 'choices') {
        const ch = rs.flatMap((r) => (r.type === 'choice' ? r.value.choices : []));
        out[c.name] = c.multiple ? ch : (ch[0] ?? null);
      } else if (c.type === 'spans')
        out[c.name] = rs.flatMap((r) =>
          r.type === 'span' ? [{ text: r.value.text ?? '', label: r.value.labels[0] }] : [],
        );
      else if (c.type === 'textarea')
        out[c.name] = rs.flatMap((r) => (r.type === 'text' ? r.value.text : [])).join('\n');
      else if (c.type === 'rating')
        out[c.name] = rs.find((r) => r.type === 'rating')?.value.rating ?? null;
    }
    out.confidence = 1;
    return any ? JSON.stringify(out) : undefined;
  }

  /** One request per task; a failed or malformed answer affects only its own task. */
  async predict(tasks: readonly AdapterTask[]): Promise<MlPrediction[]> {
    const out: MlPrediction[] = [];
    for (const t of tasks) {
      try {
        out.push(await this.predictOne(t));
      } catch (err) {
        if (!(err instanceof ModelCallError)) throw err;
        const miss = { task_id: t.id, regions: [], score: 0 };
        out.push(
          err.kind === 'malformed'
            ? { ...miss, rejected: err.message }
            : { ...miss, failed: err.message },
        );
      }
    }
    return out;
  }

  private async predictOne(task: AdapterTask): Promise<MlPrediction> {
    const headers: Record<string, string> = {};
    if (this.deps.apiKey) headers.authorization = `Bearer ${this.deps.apiKey}`;
    const res = await callJson(this.deps.fetcher, this.deps.breaker, this.endpoint(), {
      method: 'POST',
      headers,
      timeoutMs: this.settings.timeout_ms,
      retries: this.settings.retries,
      backoffMs: this.settings.backoff_ms,
      body: {
        model: this.settings.model,
        temperature: this.settings.temperature,
        max_tokens: this.settings.max_tokens,
        messages: [
          { role: 'system', content: this.system() },
          ...this.shots,
          this.userMessage(task),
        ],
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'labels', strict: true, schema: responseSchema(this.targets) },
        },
      },
    });
    const content = messageContent(res);
    let answer: unknown;
    try {
      answer = JSON.parse(content);
    } catch {
      return {
        task_id: task.id,
        regions: [],
        score: 0,
        rejected: 'the message content is not JSON',
      };
    }
    const mapped = answerToRegions(answer, this.targets, task.data);
    if (!mapped.ok) return { task_id: task.id, regions: [], score: 0, rejected: mapped.reason };
    const score = mapped.score;
    return {
      task_id: task.id,
      regions: mapped.regions.map((r) => (score === undefined ? r : { ...r, score })),
      score: score ?? 0,
      ...(score === undefined ? { scoreUnknown: true } : { probs: [score, 1 - score] }),
    };
  }
}

/** `choices[0].message.content` of a chat completion; a refusal or other shape is malformed. */
function messageContent(res: unknown): string {
  const choice = isObj(res) && Array.isArray(res.choices) ? res.choices[0] : undefined;
  const msg = isObj(choice) && isObj(choice.message) ? choice.message : undefined;
  if (msg && typeof msg.refusal === 'string' && msg.refusal)
    throw new ModelCallError('malformed', 'the model refused to answer');
  if (!msg || typeof msg.content !== 'string')
    throw new ModelCallError('malformed', 'the answer has no choices[0].message.content');
  return msg.content;
}
