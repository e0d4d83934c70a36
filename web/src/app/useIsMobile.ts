import { useSyncExternalStore } from 'react';

/** Follows a CSS media query: re-renders when it starts or stops matching. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (cb) => {
      const mq = window.matchMedia(query);
      mq.addEventListener('change', cb);
      return () => mq.removeEventListener('change', cb);
    },
    () => window.matchMedia(query).matches,
  );
}

/** Phone width (< 768 px, antd's `md` breakpoint): the side menu becomes a drawer, targets grow. */
export function useIsMobile(): boolean {
  return useMediaQuery('(max-width: 767.98px)');
}

/**
 * The operating system's "reduce motion" setting (WCAG 2.3.3): dialogs, drawers and menus then
 * open and close without animation.
 */
export function usePrefersReducedMotion(): boolean {
  return useMediaQuery('(prefers-reduced-motion: reduce)');
}
