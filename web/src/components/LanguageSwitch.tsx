import { DownOutlined, GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage, type Lang } from '../app/i18n';

const NAMES: Record<Lang, string> = { 'zh-CN': '简体中文', en: 'English' };

/**
 * The UI language (remembered in this browser); also the language of the server's messages. A menu
 * button rather than a select: the shell already carries the dropdown, so the first load stays small.
 */
export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const current = currentLanguage();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [current],
        items: (Object.keys(NAMES) as Lang[]).map((l) => ({ key: l, label: <span lang={l}>{NAMES[l]}</span> })),
        onClick: ({ key }) => void setLanguage(key as Lang),
      }}
    >
      <Button type="text" className="language-switch" aria-label={`${t('header.language')}: ${NAMES[current]}`}>
        <GlobalOutlined aria-hidden />
        {!compact && <span lang={current}>{NAMES[current]}</span>}
        <DownOutlined aria-hidden />
      </Button>
    </Dropdown>
  );
}
