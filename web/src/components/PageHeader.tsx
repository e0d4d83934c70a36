// The top of every page: its <h1> (which is also the tab title), an optional way back, and the
// page's own actions.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useDocumentTitle } from '../app/useDocumentTitle';

interface Props {
  title: string;
  /** Shown after the title in the heading (e.g. the record's status). */
  tags?: ReactNode;
  extra?: ReactNode;
  back?: { to: string; label: string };
  children?: ReactNode;
}

export function PageHeader({ title, tags, extra, back, children }: Props) {
  useDocumentTitle(title);
  return (
    <div className="page-header">
      {back && (
        <Link to={back.to} className="page-back">
          <ArrowLeftOutlined aria-hidden /> {back.label}
        </Link>
      )}
      <div className="page-header-row">
        <Space wrap align="center">
          <Typography.Title level={1} className="page-title">
            {title}
          </Typography.Title>
          {tags}
        </Space>
        {extra && (
          <Space wrap className="page-actions">
            {extra}
          </Space>
        )}
      </div>
      {children}
    </div>
  );
}
