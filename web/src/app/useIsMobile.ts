import { useSyncExternalStore } from 'react';

/** Phone width (< 768 px, antd's `md` breakpoint): the side menu becomes a drawer, targets grow. */
const QUERY = '(max-width: 767.98px)';

function subscribe(cb: () => void): () => void {
  const mq = window.matchMedia(QUERY);
  mq.addEventListener('change', cb);
  return () => mq.removeEventListener('change', cb);
}

export function useIsMobile(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(QUERY).matches);
}
