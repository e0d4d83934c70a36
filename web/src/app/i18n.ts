// UI language: zh-CN by default, English complete. The choice is kept in localStorage, sent to the
// API as Accept-Language (server messages follow it) and set on <html lang>.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhShell from '../i18n/zh-CN.json';
import zhDashboard from '../pages/dashboard/i18n.zh-CN.json';
import zhHazards from '../pages/hazards/i18n.zh-CN.json';
import zhInspections from '../pages/inspections/i18n.zh-CN.json';
import zhNotifications from '../pages/notifications/i18n.zh-CN.json';
import zhDuty from '../pages/duty/i18n.zh-CN.json';
import zhVisitors from '../pages/visitors/i18n.zh-CN.json';
import zhEquipment from '../pages/equipment/i18n.zh-CN.json';
import zhPatrols from '../pages/patrols/i18n.zh-CN.json';

// The shell's catalogue plus each area's (web/src/pages/<area>/i18n.<lang>.json), whose top-level keys
// are named after the area so that they never collide.
const zhCN = { ...zhShell, ...zhDashboard, ...zhHazards, ...zhInspections, ...zhNotifications, ...zhDuty, ...zhVisitors, ...zhEquipment, ...zhPatrols };

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'anbao.lang';

// English is loaded when chosen (zh-CN is the default and ships with the shell). Both catalogues
// must hold exactly the same keys: each must be assignable to the other.
type En = typeof import('../i18n/en.json') &
  typeof import('../pages/dashboard/i18n.en.json') &
  typeof import('../pages/hazards/i18n.en.json') &
  typeof import('../pages/inspections/i18n.en.json') &
  typeof import('../pages/notifications/i18n.en.json') &
  typeof import('../pages/duty/i18n.en.json') &
  typeof import('../pages/visitors/i18n.en.json') &
  typeof import('../pages/equipment/i18n.en.json') &
  typeof import('../pages/patrols/i18n.en.json');
export const enHasEveryKey = (en: En): typeof zhCN => en;
export const zhHasEveryKey = (zh: typeof zhCN): En => zh;

async function ensureLoaded(lang: Lang): Promise<void> {
  if (lang === 'en' && !i18next.hasResourceBundle('en', 'translation')) {
    const parts = await Promise.all([
      import('../i18n/en.json'),
      import('../pages/dashboard/i18n.en.json'),
      import('../pages/hazards/i18n.en.json'),
      import('../pages/inspections/i18n.en.json'),
      import('../pages/notifications/i18n.en.json'),
      import('../pages/duty/i18n.en.json'),
      import('../pages/visitors/i18n.en.json'),
      import('../pages/equipment/i18n.en.json'),
      import('../pages/patrols/i18n.en.json'),
    ]);
    i18next.addResourceBundle('en', 'translation', Object.assign({}, ...parts.map((p) => p.default)));
  }
}

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}

function storedLanguage(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function currentLanguage(): Lang {
  return i18next.language === 'en' ? 'en' : 'zh-CN';
}

export async function setLanguage(lang: Lang): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  await ensureLoaded(lang);
  document.documentElement.lang = lang;
  await i18next.changeLanguage(lang);
}

export async function initI18n(): Promise<void> {
  const lang = storedLanguage();
  document.documentElement.lang = lang;
  await i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN } },
    partialBundledLanguages: true,
    lng: 'zh-CN',
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  if (lang !== 'zh-CN') await setLanguage(lang);
}

export { i18next };

/**
 * A label for a code that comes from the server (audit actions, fields, permission modules): the
 * catalogue's entry when there is one, else the given fallback (new codes still show, untranslated).
 */
export function codeLabel(group: 'auditAction' | 'field' | 'permissionModule' | 'targetType', code: string, fallback: string = code): string {
  const key = `${group}.${code.replace(/[.\s/:]/g, '_')}`;
  return i18next.exists(key) ? String(i18next.t(key as never)) : fallback;
}
