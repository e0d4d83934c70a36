// Server-side messages in zh-CN (default) and English. Platform codes live in messages.ts; each module
// registers its own next to its routes with defineMessages().
import { PLATFORM_MESSAGES } from './messages.ts';

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export type MessageTable = Record<string, { 'zh-CN': string; en: string }>;

const catalogue: MessageTable = { ...PLATFORM_MESSAGES };

export function defineMessages<T extends MessageTable>(table: T): T {
  for (const [code, m] of Object.entries(table)) {
    if (catalogue[code] && (catalogue[code]['zh-CN'] !== m['zh-CN'] || catalogue[code].en !== m.en)) {
      throw new Error(`message ${code} defined twice with different text`);
    }
    catalogue[code] = m;
  }
  return table;
}

export function hasMessage(code: string): boolean {
  return code in catalogue;
}

/** zh-CN unless the client prefers English (Accept-Language: en…) or asks explicitly (?lang=en). */
export function detectLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh-CN';
  const prefs = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((p) => p.tag)
    .sort((a, b) => b.q - a.q);
  for (const p of prefs) {
    if (p.tag.startsWith('zh')) return 'zh-CN';
    if (p.tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export function t(lang: Lang, code: string, params: Record<string, unknown> = {}): string {
  const entry = catalogue[code];
  const text = entry ? entry[lang] : code;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? `{${k}}` : String(params[k])));
}
