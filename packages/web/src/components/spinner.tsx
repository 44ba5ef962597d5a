/**
 * A small loading indicator with an accessible label.
 *
 * @example
 * {loading && <Spinner label={t('common.loading')} />}
 */
export function Spinner({ label }: { label: string }) {
  return (
    <div className="spinner-wrap" role="status">
      <span className="spinner" aria-hidden="true" />
      <span className="spinner-label">{label}</span>
    </div>
  );
}
