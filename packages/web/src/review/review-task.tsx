/**
 * Reviewing one task: every annotator's submitted version side by side with their
 * differences, and the decisions with their keys (Ctrl+Enter accept, Ctrl+Shift+X reject,
 * Ctrl+E fix) on the active column.
 *
 * @example
 * <ReviewTask projectId={1} taskId={9} schema={schema} onDone={next} />
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewDecision } from '../api/types.ts';
import { api } from '../app/api.ts';
import { errorMessage } from '../components/error-message.ts';
import { Spinner } from '../components/spinner.tsx';
import { useToast } from '../components/toasts.tsx';
import { useAsync } from '../components/use-async.ts';
import { useKeymap } from '../editor/keymap/use-keymap.ts';
import type { LabelingSchema, Region } from '../schema/types.ts';
import { AnnotationColumn } from './annotation-column.tsx';
import { compareVersions } from './annotation-diff.ts';
import { RejectDialog } from './reject-dialog.tsx';

/** Props of ReviewTask. */
export interface ReviewTaskProps {
  projectId: number;
  taskId: number;
  schema: LabelingSchema;
  usernames: ReadonlyMap<number, string>;
  onDone: () => void;
}

/** One task under review. */
export function ReviewTask({ projectId, taskId, schema, usernames, onDone }: ReviewTaskProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const detail = useAsync(() => api.getTask(projectId, taskId), [projectId, taskId]);
  const [active, setActive] = useState(0);
  const [rejecting, setRejecting] = useState(false);
  const [fixing, setFixing] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  // Human versions only: a consensus annotation is derived from them, not reviewed itself.
  const versions = useMemo(
    () =>
      (detail.data?.annotations ?? []).filter((a) => a.status !== 'draft' && a.origin === 'human'),
    [detail.data],
  );
  const marks = useMemo(() => compareVersions(versions.map((a) => a.regions)), [versions]);
  const root = useRef<HTMLDivElement>(null);
  const loaded = detail.data !== undefined;
  // Keyboard-first: the review keys work as soon as the task shows.
  useEffect(() => {
    if (loaded) root.current?.focus({ preventScroll: true });
  }, [loaded]);

  const decide = async (
    decision: ReviewDecision,
    opts: { reason?: string; regions?: Region[] } = {},
  ) => {
    const a = versions[active];
    if (!a) return;
    setBusy(true);
    try {
      await api.review(projectId, a.id, { decision, version: a.version, ...opts });
      toast.show(t(`review.done.${decision}`), 'success');
      setRejecting(false);
      setFixing(null);
      if (
        versions.every((v, i) => i === active || v.status === 'accepted' || v.status === 'rejected')
      )
        onDone();
      else detail.reload();
    } catch (e) {
      toast.show(errorMessage(t, e), 'error');
    } finally {
      setBusy(false);
    }
  };

  useKeymap({
    enabled: !rejecting && fixing === null,
    handlers: {
      'review:accept': () => void decide('accept'),
      'review:reject': () => setRejecting(true),
      'review:fix': () => setFixing(active),
      'region:next': () => setActive((i) => (i + 1) % Math.max(1, versions.length)),
      'region:prev': () =>
        setActive((i) => (i - 1 + versions.length) % Math.max(1, versions.length)),
    },
  });

  if (detail.error !== undefined)
    return <p className="form-error">{errorMessage(t, detail.error)}</p>;
  if (!detail.data) return <Spinner label={t('common.loading')} />;
  if (versions.length === 0) return <div className="empty-state">{t('review.no_versions')}</div>;
  return (
    <div className="review-task" data-key-scope="review" tabIndex={-1} ref={root}>
      <div className="review-columns">
        {versions.map((a, i) => (
          <AnnotationColumn
            key={`${a.id}-${a.version}`}
            annotation={a}
            reviews={(detail.data!.reviews ?? []).filter((r) => r.annotation_id === a.id)}
            author={usernames.get(a.created_by ?? -1) ?? `#${a.created_by ?? '?'}`}
            marks={marks[i]}
            single={versions.length === 1}
            task={detail.data!.task}
            schema={schema}
            active={i === active}
            busy={busy}
            fixing={fixing === i}
            onActivate={() => setActive(i)}
            onDecide={(d, regions) => void decide(d, regions ? { regions } : {})}
            onReject={() => {
              setActive(i);
              setRejecting(true);
            }}
            onFixMode={(on) => setFixing(on ? i : null)}
          />
        ))}
      </div>
      {rejecting && (
        <RejectDialog
          open
          onCancel={() => setRejecting(false)}
          onReject={(reason) => void decide('reject', { reason })}
        />
      )}
    </div>
  );
}
