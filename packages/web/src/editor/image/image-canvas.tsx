/**
 * The image labeling canvas (Konva): the image, boxes, polygons and keypoints (regions and
 * suggestions), the shape being drawn, zoom (wheel, +/−, F to fit) and pan (drag the
 * background, middle button, or hold Space). Image pixels and screen pixels meet only through
 * the viewport (see viewport.ts).
 *
 * @example
 * <ImageCanvas field="image" src={task.data.image} controls={imageControls} />
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Circle, Group, Image as KonvaImage, Layer, Line, Rect, Stage } from 'react-konva';
import type Konva from 'konva';
import { useTranslation } from 'react-i18next';
import { labelColor, withAlpha } from '../../schema/label-colors.ts';
import type { SchemaControl } from '../../schema/types.ts';
import { useEditor } from '../editor-context.ts';
import { useWidgetKeys } from '../keymap/widget-keys.ts';
import { bboxPreview } from './tools/bbox-tool.ts';
import { CanvasShapes } from './canvas-shapes.tsx';
import { ImageToolbar } from './image-toolbar.tsx';
import { setImageSize } from './image-sizes.ts';
import { useCanvasTools } from './use-canvas-tools.ts';
import { useImage } from './use-image.ts';
import { useMotionCache } from './use-motion-cache.ts';
import { applyScreenScale, ViewScaleContext } from './view-scale.ts';
import { fitViewport, screenPoint, toImage, zoomAt, type Viewport } from './viewport.ts';

/** Props of ImageCanvas. */
export interface ImageCanvasProps {
  field: string;
  src: unknown;
  controls: SchemaControl[];
}

function useBoxSize(ref: React.RefObject<HTMLDivElement | null>) {
  const [size, setSize] = useState({ w: 0, h: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setSize({ w: el.clientWidth, h: el.clientHeight }));
    ro.observe(el);
    setSize({ w: el.clientWidth, h: el.clientHeight });
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

/** Image canvas with its toolbar. */
export function ImageCanvas({ field, src, controls }: ImageCanvasProps) {
  const { t } = useTranslation();
  const { commands, dispatch } = useEditor();
  const box = useRef<HTMLDivElement>(null);
  const stageSize = useBoxSize(box);
  const { image, status } = useImage(src);
  const imgW = image?.naturalWidth ?? 0;
  const imgH = image?.naturalHeight ?? 0;
  // Stable while the image is the same, so the memoised shapes skip pan and zoom renders.
  const img = useMemo(() => ({ w: imgW, h: imgH }), [imgW, imgH]);
  const [vp, setVp] = useState<Viewport>({ scale: 1, x: 0, y: 0 });
  const stage = useRef<Konva.Stage>(null);
  const zoomRef = useRef(vp.scale);
  zoomRef.current = vp.scale;
  useLayoutEffect(() => applyScreenScale(stage.current, vp.scale), [vp.scale]);
  const shapes = useRef<Konva.Group>(null);
  const motion = useMotionCache(shapes);
  const [space, setSpace] = useState(false);
  const fit = () => {
    motion.nudge(vp.scale);
    setVp(fitViewport(img.w, img.h, stageSize.w, stageSize.h));
  };
  const tools = useCanvasTools({ controls, size: img, viewport: vp, setViewport: setVp });
  const { hold, release } = motion;
  useEffect(
    () => (tools.panning ? hold(zoomRef.current) : release()),
    [tools.panning, hold, release],
  );

  useEffect(() => {
    if (image) setImageSize(field, image.naturalWidth, image.naturalHeight);
    if (image && stageSize.w > 0)
      setVp(fitViewport(image.naturalWidth, image.naturalHeight, stageSize.w, stageSize.h));
    // Refit only when the image or the box size changes, not on every zoom.
  }, [image, stageSize.w, stageSize.h, field]);

  const zoom = (factor: number) => {
    motion.nudge(vp.scale);
    setVp((v) => zoomAt(v, screenPoint(stageSize.w / 2, stageSize.h / 2), factor));
  };
  const nudge = (dx: number, dy: number) => (e: KeyboardEvent) =>
    commands.nudge(dx * (e.shiftKey ? 10 : 1), dy * (e.shiftKey ? 10 : 1));
  const has = (type: string) => controls.some((c) => c.type === type);
  const setTool = (tool: 'select' | 'bbox' | 'polygon' | 'keypoints') =>
    tool === 'select' || has(tool) ? dispatch({ type: 'tool', tool }) : false;
  useWidgetKeys(`image:${field}`, {
    'tool:select': () => setTool('select'),
    'tool:bbox': () => setTool('bbox'),
    'tool:polygon': () => setTool('polygon'),
    'tool:keypoints': () => setTool('keypoints'),
    'draw:finish': () => tools.finish(),
    'draw:cancel': () => tools.cancel(),
    'region:delete': () => (tools.undoPoint() ? true : false),
    'view:zoom-in': () => zoom(1.25),
    'view:zoom-out': () => zoom(0.8),
    'view:fit': () => fit(),
    'region:nudge-left': nudge(-1, 0),
    'region:nudge-right': nudge(1, 0),
    'region:nudge-up': nudge(0, -1),
    'region:nudge-down': nudge(0, 1),
  });

  const pointer = (e: Konva.KonvaEventObject<MouseEvent>) => {
    const pos = e.target.getStage()?.getPointerPosition() ?? { x: 0, y: 0 };
    const s = screenPoint(pos.x, pos.y);
    return { s, p: toImage(vp, s) };
  };
  const preview = bboxPreview(tools.bbox, img.w, img.h);
  const interactive = tools.tool === 'select' && !space;
  const color = labelColor(tools.control, tools.label);
  const cursor =
    space || tools.panning ? 'grab' : tools.tool === 'select' ? 'default' : 'crosshair';

  return (
    <div className="image-field">
      <ImageToolbar controls={controls} tools={tools} scale={vp.scale} onZoom={zoom} onFit={fit} />
      <div
        ref={box}
        className={`image-stage cursor-${cursor}`}
        tabIndex={0}
        data-key-scope="image"
        data-widget={`image:${field}`}
        data-field={field}
        data-testid={`image-${field}`}
        aria-label={t('editor.image_area')}
        onKeyDown={(e) => {
          if (e.key === ' ') {
            e.preventDefault();
            setSpace(true);
          }
        }}
        onKeyUp={(e) => e.key === ' ' && setSpace(false)}
      >
        {status === 'loading' && <div className="stage-note">{t('editor.image_loading')}</div>}
        {status === 'error' && <div className="stage-note error">{t('editor.image_error')}</div>}
        {stageSize.w > 0 && image && (
          <Stage
            ref={stage}
            width={stageSize.w}
            height={stageSize.h}
            scaleX={vp.scale}
            scaleY={vp.scale}
            x={vp.x}
            y={vp.y}
            onMouseDown={(e) => {
              box.current?.focus({ preventScroll: true });
              const { s, p } = pointer(e);
              tools.down(s, p, e.evt.button, space);
            }}
            onMouseMove={(e) => {
              const { s, p } = pointer(e);
              tools.move(s, p);
            }}
            onMouseUp={(e) => tools.up(pointer(e).p)}
            onWheel={(e) => {
              e.evt.preventDefault();
              const { s } = pointer(e);
              motion.nudge(vp.scale);
              setVp((v) => zoomAt(v, s, e.evt.deltaY < 0 ? 1.15 : 1 / 1.15));
            }}
          >
            <Layer>
              <KonvaImage image={image} width={img.w} height={img.h} listening={false} />
              <Rect
                width={img.w}
                height={img.h}
                stroke="#94a3b8"
                strokeWidth={1}
                strokeScaleEnabled={false}
                listening={false}
              />
              <ViewScaleContext.Provider value={zoomRef}>
                <Group ref={shapes}>
                  <CanvasShapes
                    field={field}
                    controls={controls}
                    size={img}
                    interactive={interactive}
                    part="rest"
                  />
                </Group>
              </ViewScaleContext.Provider>
            </Layer>
            <Layer>
              <ViewScaleContext.Provider value={zoomRef}>
                <CanvasShapes
                  field={field}
                  controls={controls}
                  size={img}
                  interactive={interactive}
                  part="selected"
                />
              </ViewScaleContext.Provider>
              {preview && (
                <Rect
                  {...preview}
                  stroke={color}
                  strokeWidth={2}
                  strokeScaleEnabled={false}
                  fill={withAlpha(color, 0.12)}
                  dash={[5, 4]}
                  listening={false}
                />
              )}
              {tools.polygon.kind === 'drawing' && (
                <>
                  <Line
                    points={[
                      ...tools.polygon.points,
                      ...(tools.polygon.hover ? [tools.polygon.hover] : []),
                    ].flatMap((q) => [q.x, q.y])}
                    stroke={color}
                    strokeWidth={2}
                    strokeScaleEnabled={false}
                    fill={withAlpha(color, 0.12)}
                    closed={false}
                    listening={false}
                  />
                  {tools.polygon.points.map((q, i) => (
                    <Circle
                      key={i}
                      x={q.x}
                      y={q.y}
                      radius={(i === 0 ? 6 : 4) / vp.scale}
                      fill={i === 0 ? color : '#fff'}
                      stroke={color}
                      strokeWidth={2}
                      strokeScaleEnabled={false}
                      listening={false}
                    />
                  ))}
                </>
              )}
            </Layer>
          </Stage>
        )}
      </div>
    </div>
  );
}
