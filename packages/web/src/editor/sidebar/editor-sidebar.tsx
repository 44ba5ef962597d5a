/**
 * The editor's right column: suggestions, the value summary, the region list (when the
 * schema makes regions) and the selected region's attributes.
 *
 * @example
 * <EditorSidebar />
 */
import { useTranslation } from 'react-i18next';
import { useEditor } from '../editor-context.ts';
import { AnnotationSummary } from './annotation-summary.tsx';
import { AttributesPanel } from './attributes-panel.tsx';
import { RegionList } from './region-list.tsx';
import { SuggestionsPanel } from './suggestions-panel.tsx';

const REGION_CONTROLS = new Set(['spans', 'relations', 'bbox', 'polygon', 'keypoints']);

/** Sidebar. */
export function EditorSidebar() {
  const { t } = useTranslation();
  const { schema } = useEditor();
  return (
    <aside className="editor-side">
      <SuggestionsPanel />
      <AnnotationSummary />
      {schema.controls.some((c) => REGION_CONTROLS.has(c.type)) && <RegionList />}
      <AttributesPanel />
      <p className="side-hint muted small">{t('editor.hint')}</p>
    </aside>
  );
}
