// Real answers for pages one cannot use: no permission, nothing at this address.
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../app/useDocumentTitle';

function ResultPage({ status, title, text }: { status: '403' | '404'; title: string; text: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useDocumentTitle(title);
  return (
    <Result
      status={status}
      title={<h1 className="result-title">{title}</h1>}
      subTitle={text}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('nav.home')}
        </Button>
      }
    />
  );
}

export function Forbidden() {
  const { t } = useTranslation();
  return <ResultPage status="403" title={t('error.forbiddenTitle')} text={t('error.forbiddenText')} />;
}

export function NotFound() {
  const { t } = useTranslation();
  return <ResultPage status="404" title={t('error.notFoundTitle')} text={t('error.notFoundText')} />;
}
