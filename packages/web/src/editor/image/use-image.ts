/**
 * Loads an image element for the canvas. Only URLs that pass `safeImageUrl` are loaded.
 *
 * @example
 * const { image, status } = useImage(task.data.image);
 */
import { useEffect, useState } from 'react';
import { safeImageUrl } from '../../components/safe-url.ts';

/** Load state of an image. */
export interface ImageState {
  image: HTMLImageElement | null;
  status: 'loading' | 'loaded' | 'error';
}

/** Loads `src` (anything not a safe image URL is an error). */
export function useImage(src: unknown): ImageState {
  const [state, setState] = useState<ImageState>({ image: null, status: 'loading' });
  useEffect(() => {
    const url = safeImageUrl(src);
    if (!url) {
      setState({ image: null, status: 'error' });
      return;
    }
    setState({ image: null, status: 'loading' });
    const img = new window.Image();
    let live = true;
    img.onload = () => live && setState({ image: img, status: 'loaded' });
    img.onerror = () => live && setState({ image: null, status: 'error' });
    img.src = url;
    return () => {
      live = false;
    };
  }, [src]);
  return state;
}
