/**
 * The typed client of pre-labeling: the model registry, training and the learning curve,
 * pre-label jobs (start, list, cancel, resume; progress comes over `jobEventsUrl` as
 * server-sent events) and strategy experiments, on the same transport as the main client.
 *
 * @example
 * const ml = createMlApi(api.http);
 * const job = await ml.startPrelabel(1, 'spam');
 * new EventSource(ml.jobEventsUrl(1, job.id));
 */
import type { Http } from './http.ts';
import type {
  Experiment,
  ExperimentReport,
  LearningCurveResponse,
  Model,
  ModelHealth,
  ModelPatchBody,
  NewExperimentBody,
  NewModelBody,
  PrelabelJob,
  StartedJob,
} from './ml-types.ts';

/** The pre-labeling API. */
export type MlApi = ReturnType<typeof createMlApi>;

/** Creates the pre-labeling client on a transport. */
export function createMlApi(http: Http) {
  const p = (id: number) => `/api/projects/${id}`;
  const m = (id: number, mid: number) => `${p(id)}/models/${mid}`;
  return {
    models: async (id: number) => (await http.request<{ items: Model[] }>(`${p(id)}/models`)).items,
    createModel: (id: number, body: NewModelBody) =>
      http.request<Model>(`${p(id)}/models`, { method: 'POST', body }),
    updateModel: (id: number, mid: number, body: ModelPatchBody) =>
      http.request<Model>(m(id, mid), { method: 'PATCH', body }),
    deleteModel: (id: number, mid: number) =>
      http.request<{ ok: true }>(m(id, mid), { method: 'DELETE' }),
    health: (id: number, mid: number) =>
      http.request<ModelHealth>(`${m(id, mid)}/health`, { method: 'POST' }),
    /** Queues an `ml.retrain` job; follow it with the quality client's `job`. */
    train: (id: number, mid: number) =>
      http.request<StartedJob>(`${m(id, mid)}/train`, { method: 'POST' }),
    curve: (id: number, mid: number) => http.request<LearningCurveResponse>(`${m(id, mid)}/curve`),

    startPrelabel: (id: number, model: string, taskIds?: number[]) =>
      http.request<StartedJob>(`${p(id)}/prelabel`, {
        method: 'POST',
        body: taskIds && taskIds.length > 0 ? { model, task_ids: taskIds } : { model },
      }),
    prelabelJobs: async (id: number, query: { model_id?: number; limit?: number } = {}) =>
      (await http.request<{ items: PrelabelJob[] }>(`${p(id)}/prelabel`, { query })).items,
    prelabelJob: (id: number, jobId: number) =>
      http.request<PrelabelJob>(`${p(id)}/prelabel/${jobId}`),
    cancelJob: (id: number, jobId: number) =>
      http.request<{ id: number; status: string }>(`${p(id)}/jobs/${jobId}/cancel`, {
        method: 'POST',
      }),
    resumeJob: (id: number, jobId: number) =>
      http.request<{ id: number; status: string }>(`${p(id)}/jobs/${jobId}/resume`, {
        method: 'POST',
      }),
    /** URL of a job's event stream (same origin: EventSource sends the session cookie). */
    jobEventsUrl: (id: number, jobId: number) => `${p(id)}/jobs/${jobId}/events`,

    experiments: async (id: number) =>
      (await http.request<{ items: Experiment[] }>(`${p(id)}/experiments`)).items,
    createExperiment: (id: number, body: NewExperimentBody) =>
      http.request<Experiment>(`${p(id)}/experiments`, { method: 'POST', body }),
    stopExperiment: (id: number, eid: number) =>
      http.request<Experiment>(`${p(id)}/experiments/${eid}/stop`, { method: 'POST' }),
    experimentReport: (id: number, eid: number) =>
      http.request<ExperimentReport>(`${p(id)}/experiments/${eid}/report`),
  };
}
