// Shared by the duty pages: the area's tabs, filters kept in the address bar under the API's query
// names (so the dashboard's links open exactly that list), status tags and the export button.
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { download } from '../../app/api';
import { hasPermission } from '../../app/permissions';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusTag } from '../../components/StatusTag';
import { DP } from './permissions';
import type { Assignment, Handover } from './types';
import './duty.css';

const TABS = ['/duty', '/duty/rosters', '/duty/coverage', '/duty/logs', '/duty/handovers', '/duty/shifts'] as const;
const TAB_LABEL = { '/duty': 'duty.tab.mine', '/duty/rosters': 'duty.tab.rosters', '/duty/coverage': 'duty.tab.coverage', '/duty/logs': 'duty.tab.logs', '/duty/handovers': 'duty.tab.handovers', '/duty/shifts': 'duty.tab.shifts' } as const;

export function DutyTabs() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const active = [...TABS].reverse().find((p) => pathname === p || pathname.startsWith(`${p}/`)) ?? '/duty';
  // Links, not tabs: each is a page of its own (and a tab list that overflows on a phone is not accessible).
  return (
    <nav aria-label={t('duty.tabsLabel')} className="duty-tabs">
      {TABS.map((k) => (
        <Link key={k} to={k} aria-current={k === active ? 'page' : undefined} className={k === active ? 'duty-tab duty-tab-active' : 'duty-tab'}>
          {t(TAB_LABEL[k])}
        </Link>
      ))}
    </nav>
  );
}

/** Filters in the URL: read, set (back to page 1), and the query strings for the list and the export. */
export function useUrlFilters<K extends string>(keys: readonly K[], defaultSize = 20) {
  const [sp, setSp] = useSearchParams();
  const serial = sp.toString();
  return useMemo(() => {
    const filters = Object.fromEntries(keys.map((k) => [k, sp.get(k) ?? undefined]).filter(([, v]) => v)) as Partial<Record<K, string>>;
    const page = Math.max(1, Number(sp.get('page')) || 1);
    const pageSize = Math.min(200, Number(sp.get('pageSize')) || defaultSize);
    const build = (f: Partial<Record<K, string | undefined>>, p = 1, size = pageSize) => {
      const q = new URLSearchParams();
      for (const k of keys) if (f[k]) q.set(k, f[k]!);
      if (p > 1) q.set('page', String(p));
      if (size !== defaultSize) q.set('pageSize', String(size));
      return q;
    };
    const filterQuery = build(filters, 1, defaultSize).toString();
    const list = build(filters, 1, defaultSize);
    list.set('page', String(page));
    list.set('pageSize', String(pageSize));
    return {
      filters,
      page,
      pageSize,
      filterQuery,
      listQuery: list.toString(),
      setFilters: (f: Partial<Record<K, string | undefined>>) => setSp(build(f)),
      setPaging: (p: number, size: number) => setSp(build(filters, size !== pageSize ? 1 : p, size)),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [serial, setSp]);
}

export function ExportButton({ path, query, name }: { path: string; query: string; name: string }) {
  const { t } = useTranslation();
  const me = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!hasPermission(me, DP.export)) return null;
  return (
    <>
      <Button
        icon={<DownloadOutlined aria-hidden />}
        loading={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await download(`${path}?${query}`, {}, name);
            void message.success(t('duty.exported'));
          } catch (e) {
            setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('duty.export')}
      </Button>
      <ErrorAlert error={error} />
    </>
  );
}

export function HandoverTag({ a }: { a: Pick<Assignment, 'handoverStatus' | 'missingHandover'> }) {
  const { t } = useTranslation();
  if (a.missingHandover) return <StatusTag tone="error">{t('duty.handover.missing')}</StatusTag>;
  const tone = a.handoverStatus === 'confirmed' ? 'success' : a.handoverStatus === 'submitted' ? 'warning' : 'neutral';
  return <StatusTag tone={tone}>{t(`duty.handover.status.${a.handoverStatus}`)}</StatusTag>;
}

export function HandoverStatusTag({ h }: { h: Pick<Handover, 'status'> }) {
  const { t } = useTranslation();
  return <StatusTag tone={h.status === 'confirmed' ? 'success' : 'warning'}>{t(`duty.handover.status.${h.status}`)}</StatusTag>;
}

export const names = (ps: Array<{ name: string }>) => ps.map((p) => p.name).join('、');
export const hm = (iso: string) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
