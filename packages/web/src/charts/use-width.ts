/**
 * The width of an element, kept current with a ResizeObserver, so SVG charts draw at their
 * real pixel size (text stays crisp and the same size at any width, unlike a scaled viewBox).
 *
 * @example
 * const [ref, width] = useWidth<HTMLDivElement>(600);
 * return <div ref={ref}><svg width={width} ... /></div>;
 */
import { useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';

/** A ref to attach and the element's current width (`fallback` until measured). */
export function useWidth<T extends HTMLElement>(fallback: number): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const w = Math.floor(el.clientWidth);
      if (w > 0) setWidth(w);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}
