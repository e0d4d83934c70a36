// The org tree in the caller's scope (GET /orgs/tree), indexed for tree views, tree selects and
// "is this unit inside that subtree" checks.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from './api';
import type { Org } from './api-types';

export interface OrgIndex {
  list: Org[];
  byId: Map<string, Org>;
  /** Units whose parent is outside the caller's scope (usually one). */
  roots: Org[];
  childrenOf(id: string): Org[];
  isWithin(id: string, rootId: string): boolean;
  name(id: string | null | undefined): string;
}

const byOrder = (a: Org, b: Org) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);

export function indexOrgs(list: Org[]): OrgIndex {
  const byId = new Map(list.map((o) => [o.id, o]));
  const children = new Map<string, Org[]>();
  const roots: Org[] = [];
  for (const o of list) {
    if (o.parentId && byId.has(o.parentId)) {
      const arr = children.get(o.parentId) ?? [];
      arr.push(o);
      children.set(o.parentId, arr);
    } else roots.push(o);
  }
  for (const arr of children.values()) arr.sort(byOrder);
  roots.sort(byOrder);
  return {
    list,
    byId,
    roots,
    childrenOf: (id) => children.get(id) ?? [],
    isWithin(id, rootId) {
      for (let cur = byId.get(id); cur; cur = cur.parentId ? byId.get(cur.parentId) : undefined) if (cur.id === rootId) return true;
      return false;
    },
    name: (id) => (id ? (byId.get(id)?.name ?? '') : ''),
  };
}

export const ORG_TREE_KEY = ['orgs', 'tree'] as const;

export function useOrgTree(includeWithdrawn = false) {
  const q = useQuery({
    queryKey: [...ORG_TREE_KEY, includeWithdrawn],
    queryFn: () => api.get<Org[]>('/orgs/tree', { includeWithdrawn }),
    staleTime: 60_000,
  });
  const index = useMemo(() => indexOrgs(q.data ?? []), [q.data]);
  return { ...q, index };
}
