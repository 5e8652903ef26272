import { useEffect, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import { rowWindow, type RowWindow, type RowWindowOptions } from './row-window';

/**
 * The rows of `body` (a tbody) in view as the page scrolls or resizes, recomputed at most once a
 * frame; see rowWindow.
 */
export function useRowWindow(body: RefObject<HTMLElement | null>, count: number, options: RowWindowOptions): RowWindow {
  const [win, setWin] = useState<RowWindow>(() => rowWindow(count, 0, globalThis.innerHeight ?? 900, options));
  const frame = useRef(0);
  const { rowHeight, overscan, threshold } = options;
  useEffect(() => {
    const measure = () => {
      frame.current = 0;
      const top = body.current?.getBoundingClientRect().top ?? 0;
      const next = rowWindow(count, -top, window.innerHeight, { rowHeight, overscan, threshold });
      setWin((old) => (old.start === next.start && old.end === next.end ? old : next));
    };
    const schedule = () => {
      if (!frame.current) frame.current = requestAnimationFrame(measure);
    };
    measure();
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    return () => {
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [body, count, rowHeight, overscan, threshold]);
  return win;
}
