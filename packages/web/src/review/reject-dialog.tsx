/**
 * Asks the reviewer for the reason of a rejection (sent to the annotator with the rework).
 *
 * @example
 * <RejectDialog open onCancel={close} onReject={(reason) => review('reject', reason)} />
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/dialog.tsx';

/** Props of RejectDialog. */
export interface RejectDialogProps {
  open: boolean;
  onCancel: () => void;
  onReject: (reason: string) => void;
}

/** Reject-with-reason dialog. */
export function RejectDialog({ open, onCancel, onReject }: RejectDialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Dialog
      open={open}
      title={t('review.reject_title')}
      onClose={onCancel}
      testId="reject-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="button button-danger-solid"
            disabled={reason.trim() === ''}
            onClick={() => onReject(reason.trim())}
            data-testid="confirm-reject"
          >
            {t('review.reject')}
          </button>
        </>
      }
    >
      <label className="field">
        <span>{t('review.reason')}</span>
        <textarea
          autoFocus
          rows={4}
          value={reason}
          placeholder={t('review.reason_placeholder')}
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && reason.trim())
              onReject(reason.trim());
          }}
        />
      </label>
    </Dialog>
  );
}
