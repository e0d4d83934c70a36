// Idle sign-out (DESIGN §6, SEC-01): after the unit's idle timeout without any use of the app, the
// session ends; a minute before, a warning offers to stay. Activity in any tab of this browser
// counts. While the person is active, the server is reminded now and then so its own idle clock
// (which only sees API calls) does not end the session under them.
import { useEffect, useRef, useState } from 'react';
import { lastApiCallAt } from './api';

const STORAGE_KEY = 'anbao.lastActivity';
const EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'mousemove', 'scroll'] as const;

function sharedActivity(): number {
  try {
    return Number(localStorage.getItem(STORAGE_KEY)) || 0;
  } catch {
    return 0;
  }
}

export interface IdleState {
  warning: boolean;
  secondsLeft: number;
  /** Counts as activity (the "stay signed in" button). */
  stay(): void;
}

export function useIdleTimeout(minutes: number, onTimeout: () => void, keepAlive: () => void): IdleState {
  const last = useRef(Date.now());
  const timedOut = useRef(false);
  const [state, setState] = useState({ warning: false, secondsLeft: 0 });
  const limit = minutes * 60_000;
  const warnBefore = Math.min(60_000, limit / 2);
  const callbacks = useRef({ onTimeout, keepAlive });
  callbacks.current = { onTimeout, keepAlive };

  const touch = () => {
    const now = Date.now();
    if (now - last.current < 2000) return;
    last.current = now;
    try {
      localStorage.setItem(STORAGE_KEY, String(now));
    } catch {
      // Private mode: this tab alone keeps count.
    }
    if (now - lastApiCallAt() > Math.min(5 * 60_000, limit / 3)) callbacks.current.keepAlive();
  };
  const touchRef = useRef(touch);
  touchRef.current = touch;

  useEffect(() => {
    timedOut.current = false;
    last.current = Date.now();
    const onActivity = () => touchRef.current();
    for (const e of EVENTS) window.addEventListener(e, onActivity, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      const idle = Date.now() - Math.max(last.current, sharedActivity());
      if (idle >= limit) {
        if (!timedOut.current) {
          timedOut.current = true;
          callbacks.current.onTimeout();
        }
        return;
      }
      const warning = idle >= limit - warnBefore;
      const secondsLeft = Math.ceil((limit - idle) / 1000);
      setState((s) => (s.warning === warning && (!warning || s.secondsLeft === secondsLeft) ? s : { warning, secondsLeft }));
    }, 1000);
    return () => {
      for (const e of EVENTS) window.removeEventListener(e, onActivity, { capture: true });
      window.clearInterval(timer);
    };
  }, [limit, warnBefore]);

  return {
    ...state,
    stay: () => {
      last.current = 0;
      touchRef.current();
      callbacks.current.keepAlive();
    },
  };
}
