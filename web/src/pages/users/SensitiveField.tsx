// A masked personal field (phone, ID number) with "view" for those allowed to reveal it: the reason
// goes to the audit trail (PIP-02) and the clear value lives only in this page's memory.
import { EyeOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import type { Revealed } from '../../app/api-types';
import { ReasonModal } from '../../components/ReasonModal';
import { StatusTag } from '../../components/StatusTag';

interface Props {
  userId: string;
  field: 'phone' | 'idNumber';
  masked: string | null;
  canReveal: boolean;
}

export function SensitiveField({ userId, field, masked, canReveal }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [clear, setClear] = useState<string | null>(null);
  const label = t(`field.${field}`);
  if (!masked) return <>—</>;
  if (clear !== null) {
    return (
      <Space wrap>
        <span>{clear}</span>
        <StatusTag tone="warning">{t('users.revealedTag')}</StatusTag>
        <Button size="small" onClick={() => setClear(null)}>
          {t('users.hideAgain')}
        </Button>
      </Space>
    );
  }
  return (
    <Space wrap>
      <span>{masked}</span>
      {canReveal && (
        <Button size="small" icon={<EyeOutlined aria-hidden />} onClick={() => setOpen(true)} aria-label={t('users.revealNamed', { field: label })}>
          {t('users.reveal')}
        </Button>
      )}
      <ReasonModal
        open={open}
        title={t('users.revealNamed', { field: label })}
        description={<p>{t('users.revealHint')}</p>}
        okText={t('users.reveal')}
        onCancel={() => setOpen(false)}
        onSubmit={async (reason) => {
          const r = await api.post<Revealed>(`/users/${userId}/reveal`, { field, reason });
          setClear(r.value ?? '—');
          setOpen(false);
        }}
      />
    </Space>
  );
}
