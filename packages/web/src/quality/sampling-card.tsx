/**
 * Acceptance sampling (抽检): draw a sample with a plan, then judge its tasks. The sample's id
 * is kept in the address (`?sample=`), so a reload or a shared link shows the same sample.
 *
 * @example
 * <SamplingCard projectId={1} />
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sample } from '../api/quality-types.ts';
import { navigate, useLocation } from '../app/router.ts';
import { SampleForm } from './sample-form.tsx';
import { SampleView } from './sample-view.tsx';

/** Sampling card. */
export function SamplingCard({ projectId }: { projectId: number }) {
  const { t } = useTranslation();
  const [path, search = ''] = useLocation().split('?');
  const param = Number(new URLSearchParams(search).get('sample'));
  const sampleId = Number.isInteger(param) && param > 0 ? param : null;
  const [created, setCreated] = useState<Sample | undefined>(undefined);
  const show = (s: Sample) => {
    setCreated(s);
    const q = new URLSearchParams(search);
    q.set('sample', String(s.id));
    navigate(`${path}?${q.toString()}`, { replace: true });
  };
  return (
    <section className="card qc-card" data-testid="qc-sampling">
      <header className="qc-card-header">
        <h2>{t('quality.sampling.title')}</h2>
        <span className="muted small">{t('quality.sampling.subtitle')}</span>
      </header>
      <SampleForm projectId={projectId} onCreated={show} />
      {sampleId !== null && (
        <SampleView key={sampleId} projectId={projectId} sampleId={sampleId} initial={created} />
      )}
    </section>
  );
}
