/**
 * The canvas toolbar: tools (with their keys), the active control's labels (with hotkeys)
 * and zoom. Label names render as text.
 *
 * @example
 * <ImageToolbar controls={controls} tools={tools} scale={vp.scale} onZoom={zoom} onFit={fit} />
 */
import { useTranslation } from 'react-i18next';
import { Keys } from '../../components/keys.tsx';
import { normalizeHotkey } from '../keymap/key-string.ts';
import { labelColor } from '../../schema/label-colors.ts';
import type { SchemaControl } from '../../schema/types.ts';
import { useEditor } from '../editor-context.ts';
import type { ToolId } from '../state/editor-reducer.ts';
import type { useCanvasTools } from './use-canvas-tools.ts';

const TOOL_KEYS: Record<ToolId, string> = { select: 'v', bbox: 'b', polygon: 'p', keypoints: 'k' };

/** Props of ImageToolbar. */
export interface ImageToolbarProps {
  controls: SchemaControl[];
  tools: ReturnType<typeof useCanvasTools>;
  scale: number;
  onZoom: (factor: number) => void;
  onFit: () => void;
}

/** Toolbar above the canvas. */
export function ImageToolbar({ controls, tools, scale, onZoom, onFit }: ImageToolbarProps) {
  const { t } = useTranslation();
  const { dispatch, state, commands } = useEditor();
  const available: ToolId[] = [
    'select',
    ...(['bbox', 'polygon', 'keypoints'] as const).filter((k) =>
      controls.some((c) => c.type === k),
    ),
  ];
  const control = tools.control;
  return (
    <div className="image-toolbar">
      <div className="toolbar-row">
        <div className="segmented" role="group" aria-label={t('editor.tools')}>
          {available.map((tool) => (
            <button
              key={tool}
              type="button"
              aria-pressed={state.tool === tool}
              data-testid={`tool-${tool}`}
              title={t(`keymap.tool_${tool}`)}
              onClick={() => dispatch({ type: 'tool', tool })}
            >
              {t(`editor.tool.${tool}`)} <kbd>{TOOL_KEYS[tool].toUpperCase()}</kbd>
            </button>
          ))}
        </div>
        <span className="spacer" />
        <div className="zoom-controls">
          <button
            type="button"
            className="icon-button"
            aria-label={t('keymap.view_zoom_out')}
            onClick={() => onZoom(0.8)}
          >
            −
          </button>
          <span className="zoom-value">{Math.round(scale * 100)}%</span>
          <button
            type="button"
            className="icon-button"
            aria-label={t('keymap.view_zoom_in')}
            onClick={() => onZoom(1.25)}
          >
            +
          </button>
          <button type="button" className="button button-small button-ghost" onClick={onFit}>
            {t('editor.fit')} <kbd>F</kbd>
          </button>
        </div>
      </div>
      <div className="toolbar-row palettes">
        {controls.map((c) => (
          <div
            key={c.name}
            className="label-palette"
            role="group"
            aria-label={t('editor.labels_of', { control: c.name })}
          >
            <span className="label-group-name">{c.name}</span>
            {(c.labels ?? []).map((l) => (
              <button
                key={l.value}
                type="button"
                className="label-chip"
                aria-pressed={
                  state.tool === c.type && control?.name === c.name && tools.label === l.value
                }
                data-testid={`label-${c.name}-${l.value}`}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => commands.applyLabel({ control: c.name, label: l.value })}
              >
                <span className="dot" style={{ background: labelColor(c, l.value) }} />
                {l.value}
                {l.hotkey && <Keys value={normalizeHotkey(l.hotkey) ?? l.hotkey} />}
              </button>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
