// Ant Design theme: colours darkened where antd's defaults fall below the 4.5:1 text contrast that
// accessibility checks require (primary, error, secondary text, placeholders); larger touch targets
// (≥ 44 px) on phones; no animations when the system asks for reduced motion.
import type { ThemeConfig } from 'antd';

const base: ThemeConfig['token'] = {
  colorPrimary: '#0958d9',
  colorInfo: '#0958d9',
  colorLink: '#0958d9',
  colorError: '#cf1322',
  // Hover shades too (the pointer often rests on what was just clicked): antd's lighter defaults
  // (#2e7ae6, links #579df2) fall below 4.5:1 against white.
  colorPrimaryHover: '#1f66db',
  colorPrimaryTextHover: '#1f66db',
  colorInfoHover: '#1f66db',
  colorLinkHover: '#1f66db',
  colorErrorHover: '#d4262e',
  colorErrorTextHover: '#d4262e',
  colorSuccess: '#237804',
  colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
  colorTextDescription: 'rgba(0, 0, 0, 0.62)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
  borderRadius: 6,
  fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
};

export function themeFor(isMobile: boolean, reduceMotion = false): ThemeConfig {
  return {
    token: { ...base, ...(isMobile ? { controlHeight: 44, fontSize: 15 } : {}), motion: !reduceMotion },
    components: {
      Layout: { headerBg: '#ffffff', headerPadding: isMobile ? '0 8px' : '0 16px', siderBg: '#ffffff', bodyBg: '#f5f6f8' },
      Menu: isMobile ? { itemHeight: 48 } : {},
      Tree: isMobile ? { titleHeight: 44 } : {},
      Table: { headerColor: 'rgba(0, 0, 0, 0.88)' },
    },
  };
}
