/**
 * The one typed client the web app uses to talk to the Tessera server (docs/API.md).
 * Every call goes through `Http`: same-origin cookie, CSRF header on unsafe methods, typed
 * `ApiError` on failure, and re-send after a re-login when the session expired mid-work.
 *
 * @example
 * const api = createApiClient({ storage: window.localStorage, onUnauthorized: askToLogin });
 * const { user } = await api.login('admin', 'secret');
 * const projects = await api.listProjects();
 */
import { Http, type HttpOptions } from './http.ts';
import { importContentType, type ImportFormat, type ImportOnError } from './import-formats.ts';
import { randomId } from './outbox.ts';
import type {
  Annotation,
  AnnotationStatus,
  ArchiveImportReport,
  ImportReport,
  MediaAsset,
  Member,
  NextTask,
  Page,
  Prediction,
  Project,
  ProjectRole,
  ReviewDecision,
  Session,
  Task,
  TaskDetail,
  TaskStatus,
  User,
} from './types.ts';
import type { LabelingSchema, Region } from '../schema/types.ts';

export { ApiError } from './api-error.ts';
export type { HttpOptions } from './http.ts';

/** Filters of the task list. */
export interface TaskQuery {
  status?: TaskStatus | '';
  annotator?: string | number | '';
  label?: string;
  limit?: number;
  cursor?: string | null;
}

/** Body to create or update a project. */
export interface ProjectInput {
  name: string;
  description?: string;
  schema: LabelingSchema;
}

/** Import formats the server accepts (Tessera's and other tools'). */
export type { ImportFormat, ImportOnError } from './import-formats.ts';

/** Export formats the server streams. */
export type ExportFormat = 'jsonl' | 'csv';

/** The typed API. */
export type ApiClient = ReturnType<typeof createApiClient>;

function listOf<T>(body: T[] | Page<T>): T[] {
  return Array.isArray(body) ? body : body.items;
}

/** Creates the typed client. */
export function createApiClient(options: HttpOptions = {}) {
  const http = new Http(options);
  const p = (id: number) => `/api/projects/${id}`;
  const remember = (s: Session): Session => {
    http.csrfToken = s.csrf_token;
    return s;
  };

  return {
    http,
    /** Re-sends requests queued while logged out. */
    flushOutbox: () => http.flushOutbox(),

    login: async (username: string, password: string) =>
      remember(
        await http.request<Session>('/api/auth/login', {
          method: 'POST',
          body: { username, password },
          reauth: false,
        }),
      ),
    me: async () => remember(await http.request<Session>('/api/auth/me', { reauth: false })),
    logout: async () => {
      await http.request<void>('/api/auth/logout', { method: 'POST', reauth: false });
      http.csrfToken = null;
    },

    listUsers: async () => listOf(await http.request<User[] | Page<User>>('/api/users')),

    listProjects: async () =>
      listOf(
        await http.request<Project[] | Page<Project>>('/api/projects', { query: { limit: 200 } }),
      ),
    getProject: (id: number) => http.request<Project>(p(id)),
    createProject: (input: ProjectInput) =>
      http.request<Project>('/api/projects', { method: 'POST', body: input }),
    updateProject: (id: number, patch: Partial<ProjectInput>) =>
      http.request<Project>(p(id), { method: 'PATCH', body: patch }),
    deleteProject: (id: number) => http.request<void>(p(id), { method: 'DELETE' }),

    listMembers: async (id: number) =>
      listOf(await http.request<Member[] | Page<Member>>(`${p(id)}/members`)),
    setMember: (id: number, userId: number, role: ProjectRole) =>
      http.request<Member>(`${p(id)}/members/${userId}`, { method: 'PUT', body: { role } }),
    removeMember: (id: number, userId: number) =>
      http.request<void>(`${p(id)}/members/${userId}`, { method: 'DELETE' }),

    importTasks: (
      id: number,
      body: string | Blob,
      format: ImportFormat,
      onError: ImportOnError = 'skip',
    ) =>
      http.request<ImportReport>(`${p(id)}/import`, {
        method: 'POST',
        rawBody: body,
        contentType: importContentType(format),
        query: { format, on_error: onError },
      }),
    /** A zip (YOLO, Pascal VOC or COCO dataset with its images, or task files and images). */
    importArchive: (id: number, zip: Blob, onError: ImportOnError = 'skip') =>
      http.request<ArchiveImportReport>(`${p(id)}/import/archive`, {
        method: 'POST',
        rawBody: zip,
        contentType: 'application/zip',
        query: { on_error: onError },
      }),
    listTasks: (id: number, q: TaskQuery = {}) =>
      http.request<Page<Task>>(`${p(id)}/tasks`, {
        query: { ...q, limit: q.limit ?? 50, cursor: q.cursor ?? undefined },
      }),
    getTask: (id: number, taskId: number) => http.request<TaskDetail>(`${p(id)}/tasks/${taskId}`),
    bulkDeleteTasks: (id: number, ids: number[]) =>
      http.request<unknown>(`${p(id)}/tasks/bulk-delete`, { method: 'POST', body: { ids } }),
    /** Leases the next task (with my annotations and the predictions); null when none is left. */
    nextTask: async (id: number): Promise<NextTask | null> => {
      const res = await http.request<Partial<NextTask> | undefined>(`${p(id)}/next`, {
        method: 'POST',
        body: {},
      });
      if (!res?.task) return null;
      return {
        task: res.task,
        annotations: res.annotations ?? [],
        predictions: res.predictions ?? [],
        reviews: res.reviews ?? [],
      };
    },
    uploadMedia: (id: number, file: Blob) =>
      http.request<MediaAsset>(`${p(id)}/media`, {
        method: 'POST',
        rawBody: file,
        contentType: file.type || 'application/octet-stream',
      }),

    createAnnotation: (
      id: number,
      taskId: number,
      body: { regions: Region[]; status: 'draft' | 'submitted'; lead_time_ms?: number },
      idempotencyKey: string = randomId(),
    ) =>
      http.request<Annotation>(`${p(id)}/tasks/${taskId}/annotations`, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    listAnnotations: async (id: number, taskId: number) =>
      listOf(
        await http.request<Annotation[] | Page<Annotation>>(`${p(id)}/tasks/${taskId}/annotations`),
      ),
    updateAnnotation: (
      id: number,
      annId: number,
      body: {
        regions?: Region[];
        status?: AnnotationStatus;
        version: number;
        lead_time_ms?: number;
      },
    ) => http.request<Annotation>(`${p(id)}/annotations/${annId}`, { method: 'PATCH', body }),

    listPredictions: async (id: number, taskId: number) =>
      listOf(
        await http.request<Prediction[] | Page<Prediction>>(`${p(id)}/tasks/${taskId}/predictions`),
      ),
    createPrediction: (
      id: number,
      taskId: number,
      body: { model: string; model_version: string; score?: number; regions: Region[] },
    ) => http.request<Prediction>(`${p(id)}/tasks/${taskId}/predictions`, { method: 'POST', body }),

    /** Review decision on a submitted annotation, at the version the reviewer saw. */
    review: (
      id: number,
      annId: number,
      body: { decision: ReviewDecision; version: number; reason?: string; regions?: Region[] },
    ) => http.request<Annotation>(`${p(id)}/annotations/${annId}/review`, { method: 'POST', body }),

    /** URL of the streamed export download (used as a plain link). */
    exportUrl: (id: number, format: ExportFormat) => `${p(id)}/export?format=${format}`,
  };
}
