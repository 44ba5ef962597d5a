/**
 * Pointer handling of the image canvas: which tool is drawing, the in-progress shape (outside
 * the undo history), panning, and committing finished shapes as regions.
 *
 * @example
 * const tools = useCanvasTools({ field, controls, size, viewport, setViewport });
 * <Stage onMouseDown={tools.down} onMouseMove={tools.move} onMouseUp={tools.up} />
 */
import { useState } from 'react';
import type { Region, SchemaControl } from '../../schema/types.ts';
import { useEditor } from '../editor-context.ts';
import type { ToolId } from '../state/editor-reducer.ts';
import { addRegion, newRegionId } from '../state/regions.ts';
import { BBOX_IDLE, bboxDown, bboxMove, bboxUp, type BboxToolState } from './tools/bbox-tool.ts';
import { addKeypoint, nextLabel } from './tools/keypoints-tool.ts';
import {
  POLYGON_IDLE,
  polygonClick,
  polygonFinish,
  polygonMove,
  polygonUndoPoint,
  type PolygonStep,
  type PolygonToolState,
} from './tools/polygon-tool.ts';
import { panBy, type ImagePoint, type ScreenPoint, type Viewport } from './viewport.ts';

/** Inputs of useCanvasTools. */
export interface CanvasToolsInput {
  controls: SchemaControl[];
  size: { w: number; h: number };
  viewport: Viewport;
  setViewport: (vp: Viewport) => void;
}

/** The control a drawing tool serves: the last one picked by a label hotkey, else the first. */
export function controlForTool(
  controls: readonly SchemaControl[],
  tool: ToolId,
  active: string | null,
): SchemaControl | undefined {
  const fitting = controls.filter((c) => c.type === tool);
  return fitting.find((c) => c.name === active) ?? fitting[0];
}

/** The canvas tools. */
export function useCanvasTools({ controls, size, viewport, setViewport }: CanvasToolsInput) {
  const { state, dispatch, regions, commands, readOnly } = useEditor();
  const [bbox, setBbox] = useState<BboxToolState>(BBOX_IDLE);
  const [polygon, setPolygon] = useState<PolygonToolState>(POLYGON_IDLE);
  const [pan, setPan] = useState<{ from: ScreenPoint; vp: Viewport } | null>(null);
  const tool = state.tool;
  const control =
    tool === 'select' ? undefined : controlForTool(controls, tool, state.activeControl);
  const label = control
    ? (state.activeLabel[control.name] ?? control.labels?.[0]?.value)
    : undefined;
  const labels = label ? [label] : [];

  const commitShape = (region: Region) => commands.apply(addRegion(regions, region), region.id);

  const finishPolygon = (step: PolygonStep) => {
    setPolygon(step.state);
    if (step.points && control) {
      commitShape({
        id: newRegionId(),
        control: control.name,
        type: 'polygon',
        value: { points: step.points.map((p) => [p.x, p.y] as [number, number]), labels },
      });
    }
  };

  const addPoint = (p: ImagePoint) => {
    if (!control) return;
    const sel = regions.find(
      (r) => r.id === state.selectedId && r.type === 'keypoints' && r.control === control.name,
    );
    const out = addKeypoint(regions, {
      control: control.name,
      target: sel?.id ?? null,
      x: p.x,
      y: p.y,
      label,
    });
    commands.apply(out.regions, out.id);
    const next = nextLabel(
      (control.labels ?? []).map((l) => l.value),
      label,
    );
    if (next) dispatch({ type: 'active-label', control: control.name, label: next });
  };

  return {
    tool,
    control,
    label,
    bbox,
    polygon,
    panning: pan !== null,
    /** Pointer down on the stage background or image. */
    down(screen: ScreenPoint, p: ImagePoint, button: number, spaceHeld: boolean) {
      if (button === 1 || spaceHeld || tool === 'select' || readOnly || !control) {
        if (tool === 'select' && button === 0 && !spaceHeld) commands.select(null);
        setPan({ from: screen, vp: viewport });
        return;
      }
      if (p.x < 0 || p.y < 0 || p.x > size.w || p.y > size.h) return;
      if (tool === 'bbox') setBbox(bboxDown(bbox, p));
      else if (tool === 'polygon') finishPolygon(polygonClick(polygon, p, 8 / viewport.scale));
      else if (tool === 'keypoints') addPoint(p);
    },
    move(screen: ScreenPoint, p: ImagePoint) {
      if (pan) setViewport(panBy(pan.vp, screen.x - pan.from.x, screen.y - pan.from.y));
      else if (bbox.kind === 'drawing') setBbox(bboxMove(bbox, p));
      else if (polygon.kind === 'drawing') setPolygon(polygonMove(polygon, p));
    },
    up(p: ImagePoint) {
      if (pan) return setPan(null);
      if (bbox.kind !== 'drawing' || !control) return;
      const done = bboxUp(bbox, p, size.w, size.h);
      setBbox(done.state);
      if (done.rect)
        commitShape({
          id: newRegionId(),
          control: control.name,
          type: 'bbox',
          value: { ...done.rect, labels },
        });
    },
    /** Enter: close the polygon. False when nothing is being drawn. */
    finish(): boolean {
      if (polygon.kind !== 'drawing') return false;
      finishPolygon(polygonFinish(polygon));
      return true;
    },
    /** Escape: drop the shape being drawn. */
    cancel(): boolean {
      if (polygon.kind === 'idle' && bbox.kind === 'idle') return false;
      setPolygon(POLYGON_IDLE);
      setBbox(BBOX_IDLE);
      return true;
    },
    /** Backspace while drawing a polygon: remove its last vertex. */
    undoPoint(): boolean {
      if (polygon.kind !== 'drawing') return false;
      setPolygon(polygonUndoPoint(polygon));
      return true;
    },
  };
}
