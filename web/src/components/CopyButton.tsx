import { CopyOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { copyText } from '../app/copy';

/** "Copy" with a visible label, so it is named for screen readers and tests alike. */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Button
      icon={<CopyOutlined aria-hidden />}
      onClick={async () => {
        if (await copyText(text)) message.success(t('common.copied'));
        else message.error(t('common.copyFailed'));
      }}
    >
      {label ?? t('common.copy')}
    </Button>
  );
}
