/**
 * Work kept in localStorage, per task, so nothing is lost to a closed tab, a crash, a lost
 * network or an expired session. `synced` says whether the server already has this exact
 * content; on reopening, unsynced local work is restored, and a server version that moved on
 * meanwhile is shown as a conflict instead of being overwritten.
 *
 * @example
 * writeDraft(localStorage, 1, 7, { regions, rejected: [], annotationId: 3, version: 2, savedAt: Date.now(), synced: false });
 * const start = chooseStart(serverAnnotation, readDraft(localStorage, 1, 7));
 */
import type { KeyValueStore } from '../../api/outbox.ts';
import type { Annotation } from '../../api/types.ts';
import type { Region } from '../../schema/types.ts';

/** What is kept per task. */
export interface LocalDraft {
  regions: Region[];
  rejected: string[];
  /** The server annotation this work builds on (null: none yet). */
  annotationId: number | null;
  version: number | null;
  savedAt: number;
  synced: boolean;
}

/** Storage key of a task's draft. */
export function draftKey(projectId: number, taskId: number): string {
  return `tessera.draft.${projectId}.${taskId}`;
}

/** Reads a draft; a corrupt entry reads as none. */
export function readDraft(
  store: KeyValueStore | null,
  projectId: number,
  taskId: number,
): LocalDraft | null {
  try {
    const raw = store?.getItem(draftKey(projectId, taskId));
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<LocalDraft>;
    if (!Array.isArray(d.regions)) return null;
    return {
      regions: d.regions,
      rejected: Array.isArray(d.rejected) ? d.rejected : [],
      annotationId: typeof d.annotationId === 'number' ? d.annotationId : null,
      version: typeof d.version === 'number' ? d.version : null,
      savedAt: typeof d.savedAt === 'number' ? d.savedAt : 0,
      synced: d.synced === true,
    };
  } catch {
    return null;
  }
}

/** Writes a draft (quietly does nothing when storage is full or off). */
export function writeDraft(
  store: KeyValueStore | null,
  projectId: number,
  taskId: number,
  d: LocalDraft,
): void {
  try {
    store?.setItem(draftKey(projectId, taskId), JSON.stringify(d));
  } catch {
    // The server copy is still saved; nothing more we can do here.
  }
}

/** Removes a draft (after submit). */
export function clearDraft(store: KeyValueStore | null, projectId: number, taskId: number): void {
  try {
    store?.removeItem(draftKey(projectId, taskId));
  } catch {
    // ignore
  }
}

/** Where the editor starts. */
export interface StartPoint {
  regions: Region[];
  rejected: string[];
  source: 'server' | 'local' | 'empty';
  /** Unsynced local work whose base version differs from the server's: ask the user. */
  conflict: Annotation | null;
}

/** Decides between the server's annotation and local work. */
export function chooseStart(server: Annotation | null, local: LocalDraft | null): StartPoint {
  if (!local || local.synced) {
    return server
      ? {
          regions: server.regions,
          rejected: local?.rejected ?? [],
          source: 'server',
          conflict: null,
        }
      : { regions: [], rejected: local?.rejected ?? [], source: 'empty', conflict: null };
  }
  if (!server)
    return { regions: local.regions, rejected: local.rejected, source: 'local', conflict: null };
  const sameBase = local.annotationId === server.id && local.version === server.version;
  if (sameBase)
    return { regions: local.regions, rejected: local.rejected, source: 'local', conflict: null };
  if (JSON.stringify(local.regions) === JSON.stringify(server.regions)) {
    return { regions: server.regions, rejected: local.rejected, source: 'server', conflict: null };
  }
  return { regions: local.regions, rejected: local.rejected, source: 'local', conflict: server };
}
