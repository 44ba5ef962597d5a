/**
 * Keeps the annotation saved: every change goes to localStorage at once and, shortly after,
 * to the server as a draft (with `version` for optimistic concurrency). Submitting sends the
 * final version with an idempotency key, so a retry after a lost response cannot create a
 * second annotation. A 409 stops autosave and exposes both versions for the user to choose.
 *
 * @example
 * const sync = useAnnotationSync({ projectId, task, mine }, state, dispatch);
 * await sync.submit(leadTimeMs);
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Dispatch } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorExtra } from '../../api/api-error.ts';
import { randomId } from '../../api/outbox.ts';
import type { QcFinding } from '../../api/quality-types.ts';
import type { Annotation, Task } from '../../api/types.ts';
import { api } from '../../app/api.ts';
import { errorMessage } from '../../components/error-message.ts';
import { currentRegions, type EditorAction, type EditorState } from '../state/editor-reducer.ts';
import { qcBlockedFindings } from '../qc/qc-findings.ts';
import { clearDraft, writeDraft } from './local-draft.ts';
import { browserStorage } from '../../components/browser-storage.ts';

/** Save state shown in the header. */
export type SaveState = 'idle' | 'saving' | 'saved' | 'local' | 'offline' | 'error' | 'conflict';

/** Inputs of the sync hook. */
export interface SyncInput {
  projectId: number;
  task: Task;
  /** My annotation on the task as loaded (null: none yet). */
  mine: Annotation | null;
  /** A conflict found while loading (server moved on under local work). */
  initialConflict: Annotation | null;
  readOnly: boolean;
}

const AUTOSAVE_MS = 1200;
const RETRY_MS = 5000;

/** The sync hook. */
export function useAnnotationSync(
  input: SyncInput,
  state: EditorState,
  dispatch: Dispatch<EditorAction>,
) {
  const { t } = useTranslation();
  const { projectId, task, readOnly } = input;
  const [annotation, setAnnotation] = useState<Annotation | null>(input.mine);
  const [saveState, setSaveState] = useState<SaveState>(
    input.initialConflict ? 'conflict' : 'idle',
  );
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Annotation | null>(input.initialConflict);
  // Findings of the last submit the quality rules refused (422 qc_blocked), shown by region.
  const [blocked, setBlocked] = useState<QcFinding[]>([]);
  const ann = useRef(annotation);
  const st = useRef(state);
  st.current = state;
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const createKey = useRef(randomId());
  const submitKey = useRef(randomId());

  const adopt = useCallback((a: Annotation) => {
    ann.current = a;
    setAnnotation(a);
  }, []);

  const handleError = useCallback(
    (e: unknown) => {
      if (e instanceof ApiError && e.status === 409) {
        const current = errorExtra<Annotation>(e, 'current');
        if (current) {
          setConflict(current);
          setSaveState('conflict');
          return;
        }
      }
      setError(errorMessage(t, e));
      setSaveState(e instanceof ApiError && e.status === 0 ? 'offline' : 'error');
    },
    [t],
  );

  const saveDraft = useCallback(async (): Promise<void> => {
    const a = ann.current;
    if (readOnly || (a && a.status !== 'draft')) {
      setSaveState('local'); // submitted work changes only on submit; the local copy holds it
      return;
    }
    const rev = st.current.revision;
    const regions = currentRegions(st.current);
    setSaveState('saving');
    try {
      const res = a
        ? await api.updateAnnotation(projectId, a.id, {
            regions,
            status: 'draft',
            version: a.version,
          })
        : await api.createAnnotation(
            projectId,
            task.id,
            { regions, status: 'draft' },
            createKey.current,
          );
      adopt(res);
      dispatch({ type: 'saved', revision: rev });
      const synced = st.current.revision === rev;
      writeDraft(browserStorage(), projectId, task.id, {
        regions,
        rejected: st.current.rejected,
        annotationId: res.id,
        version: res.version,
        savedAt: Date.now(),
        synced,
      });
      setError(null);
      setSaveState(synced ? 'saved' : 'idle');
    } catch (e) {
      handleError(e);
    }
  }, [adopt, dispatch, handleError, projectId, readOnly, task.id]);

  const runSave = useCallback(() => {
    if (inFlight.current) return inFlight.current;
    const p = saveDraft().finally(() => {
      inFlight.current = null;
    });
    inFlight.current = p;
    return p;
  }, [saveDraft]);

  // Every change: local copy now, server draft after a pause.
  useEffect(() => {
    if (!state.dirty || readOnly) return;
    const a = ann.current;
    writeDraft(browserStorage(), projectId, task.id, {
      regions: currentRegions(st.current),
      rejected: st.current.rejected,
      annotationId: a?.id ?? null,
      version: a?.version ?? null,
      savedAt: Date.now(),
      synced: false,
    });
    if (conflict) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void runSave(), AUTOSAVE_MS);
    return () => window.clearTimeout(timer.current);
  }, [state.revision, state.dirty, conflict, projectId, task.id, readOnly, runSave]);

  // Offline: try again now and then.
  useEffect(() => {
    if (saveState !== 'offline') return;
    const id = window.setTimeout(() => void runSave(), RETRY_MS);
    return () => window.clearTimeout(id);
  }, [saveState, runSave]);

  /** Submits; resolves the submitted annotation, or null when it did not go through. */
  const submit = useCallback(
    async (leadTimeMs: number): Promise<Annotation | null> => {
      window.clearTimeout(timer.current);
      if (inFlight.current) await inFlight.current;
      if (conflict) return null;
      const regions = currentRegions(st.current);
      const lead = Math.min(Math.max(0, Math.round(leadTimeMs)), 7 * 24 * 3600 * 1000);
      setSaveState('saving');
      try {
        const a = ann.current;
        const res = a
          ? await api.updateAnnotation(projectId, a.id, {
              regions,
              status: 'submitted',
              version: a.version,
              lead_time_ms: lead,
            })
          : await api.createAnnotation(
              projectId,
              task.id,
              { regions, status: 'submitted', lead_time_ms: lead },
              submitKey.current,
            );
        adopt(res);
        dispatch({ type: 'saved', revision: st.current.revision });
        clearDraft(browserStorage(), projectId, task.id);
        setError(null);
        setBlocked([]);
        setSaveState('saved');
        return res;
      } catch (e) {
        const refused = qcBlockedFindings(e);
        if (refused) {
          // Not a save failure: the editor shows each finding beside its region instead.
          setBlocked(refused);
          setSaveState(st.current.dirty ? 'idle' : 'saved');
        } else handleError(e);
        return null;
      }
    },
    [adopt, conflict, dispatch, handleError, projectId, task.id],
  );

  /** Conflict: keep my regions, writing them over the server's current version. */
  const keepMine = useCallback(async () => {
    if (!conflict) return;
    const regions = currentRegions(st.current);
    setSaveState('saving');
    try {
      const res = await api.updateAnnotation(projectId, conflict.id, {
        regions,
        status: conflict.status === 'draft' ? 'draft' : 'submitted',
        version: conflict.version,
      });
      adopt(res);
      setConflict(null);
      dispatch({ type: 'saved', revision: st.current.revision });
      writeDraft(browserStorage(), projectId, task.id, {
        regions,
        rejected: st.current.rejected,
        annotationId: res.id,
        version: res.version,
        savedAt: Date.now(),
        synced: true,
      });
      setSaveState('saved');
    } catch (e) {
      handleError(e);
    }
  }, [adopt, conflict, dispatch, handleError, projectId, task.id]);

  /** Conflict: take the server's version. */
  const takeTheirs = useCallback(() => {
    if (!conflict) return;
    adopt(conflict);
    dispatch({ type: 'load', regions: conflict.regions, rejected: st.current.rejected });
    writeDraft(browserStorage(), projectId, task.id, {
      regions: conflict.regions,
      rejected: st.current.rejected,
      annotationId: conflict.id,
      version: conflict.version,
      savedAt: Date.now(),
      synced: true,
    });
    setConflict(null);
    setSaveState('saved');
  }, [adopt, conflict, dispatch, projectId, task.id]);

  return {
    annotation,
    saveState,
    error,
    conflict,
    blocked,
    submit,
    keepMine,
    takeTheirs,
    saveNow: runSave,
  };
}
