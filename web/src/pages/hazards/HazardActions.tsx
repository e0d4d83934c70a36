// A hazard's workflow buttons (HAZ-02 … HAZ-06), exactly those in its allowedActions, each with its
// dialog: assess, sign off (major), issue the notice, progress, submit the rectification, verify
// (pass → closed, fail → back to rectifying with the reason), reopen, withdraw, ask for an extension.
import { AuditOutlined, CheckCircleOutlined, DeleteOutlined, FieldTimeOutlined, FileDoneOutlined, NotificationOutlined, PrinterOutlined, RollbackOutlined, SafetyOutlined, ToolOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { allows } from '../../app/permissions';
import { AssessFields, ExtensionFields, NoteField, NoticeFields, ReasonField, RectifyFields, SignoffDescription, VerifyFields, type VerifyValues } from './StepFields';
import { StepDialog } from './StepDialog';
import type { HazardDetail, HazardGrade } from './types';

type Step = 'assess' | 'signoff' | 'issueNotice' | 'progress' | 'submitRectification' | 'verify' | 'reopen' | 'withdraw' | 'requestExtension';

/** Keys that a successful step refreshes. */
export const HAZARD_KEYS = [['hazards'], ['history'], ['dashboard'], ['notifications']];

export function useHazardRefresh() {
  const qc = useQueryClient();
  return () => Promise.all(HAZARD_KEYS.map((queryKey) => qc.invalidateQueries({ queryKey })));
}

export function HazardActions({ hazard }: { hazard: HazardDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useHazardRefresh();
  const [open, setOpen] = useState<Step | null>(null);
  const [assessForm] = Form.useForm();
  const [signoffForm] = Form.useForm();
  const [noticeForm] = Form.useForm();
  const [progressForm] = Form.useForm();
  const [rectifyForm] = Form.useForm();
  const [verifyForm] = Form.useForm<VerifyValues>();
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const [extensionForm] = Form.useForm();
  const id = hazard.id;
  const version = hazard.version;

  const run = (path: string, body: object, done: string) => async () => {
    await api.post(`/hazards/${id}/${path}`, body);
    setOpen(null);
    await refresh();
    void message.success(done);
  };
  const close = () => setOpen(null);
  const reload = () => {
    setOpen(null);
    void refresh();
  };
  const common = { onCancel: close, onReload: reload };
  const button = (step: Step, icon: React.ReactNode, primary = false, danger = false) => (
    <Button key={step} type={primary ? 'primary' : 'default'} danger={danger} icon={icon} onClick={() => setOpen(step)}>
      {t(`hazards.action.${step}`)}
    </Button>
  );
  const can = (a: string) => allows(hazard, a);

  return (
    <>
      {can('assess') && button('assess', <AuditOutlined aria-hidden />, hazard.status === 'reported')}
      {can('signoff') && button('signoff', <SafetyOutlined aria-hidden />, true)}
      {can('issueNotice') && button('issueNotice', <NotificationOutlined aria-hidden />, true)}
      {can('submitRectification') && button('submitRectification', <FileDoneOutlined aria-hidden />, true)}
      {can('progress') && button('progress', <ToolOutlined aria-hidden />)}
      {can('verify') && button('verify', <CheckCircleOutlined aria-hidden />, true)}
      {can('reopen') && !can('verify') && button('reopen', <RollbackOutlined aria-hidden />)}
      {can('requestExtension') && button('requestExtension', <FieldTimeOutlined aria-hidden />)}
      {can('print') && (
        <Button href={`/api/v1/hazards/${id}/print`} target="_blank" rel="noopener" icon={<PrinterOutlined aria-hidden />}>
          {t('hazards.action.print')}
        </Button>
      )}
      {can('withdraw') && button('withdraw', <DeleteOutlined aria-hidden />, false, true)}

      <StepDialog
        {...common}
        open={open === 'assess'}
        name="hazardAssess"
        form={assessForm}
        title={t('hazards.action.assess')}
        initialValues={{ grade: (hazard.grade ?? undefined) as HazardGrade | undefined, interimMeasures: hazard.interimMeasures ?? undefined }}
        onSubmit={(v: { grade: HazardGrade; dueOn?: { format(f: string): string }; interimMeasures?: string; note?: string }) =>
          run('assess', { grade: v.grade, dueOn: v.dueOn?.format('YYYY-MM-DD'), interimMeasures: v.interimMeasures?.trim() || null, note: v.note?.trim() || null, version }, t('hazards.done.assess'))()
        }
      >
        <AssessFields form={assessForm} defaultDueOn={hazard.defaultDueOn} />
      </StepDialog>

      <StepDialog
        {...common}
        open={open === 'signoff'}
        name="hazardSignoff"
        form={signoffForm}
        title={t('hazards.action.signoff')}
        description={<SignoffDescription hazard={hazard} />}
        onSubmit={(v: { note?: string }) => run('signoff', { stage: hazard.signoffPending, note: v.note?.trim() || null, version }, t('hazards.done.signoff'))()}
      >
        <NoteField />
      </StepDialog>

      <StepDialog
        {...common}
        open={open === 'issueNotice'}
        name="hazardNotice"
        form={noticeForm}
        title={t('hazards.action.issueNotice')}
        onSubmit={(v: { measures: string; responsibleUserId: string; dueOn?: { format(f: string): string }; note?: string }) =>
          run('issue-notice', { measures: v.measures.trim(), responsibleUserId: v.responsibleUserId, dueOn: v.dueOn?.format('YYYY-MM-DD'), note: v.note?.trim() || null, version }, t('hazards.done.issueNotice'))()
        }
      >
        <NoticeFields dueAt={hazard.dueAt} />
      </StepDialog>

      <StepDialog
        {...common}
        open={open === 'progress'}
        name="hazardProgress"
        form={progressForm}
        title={t('hazards.action.progress')}
        onSubmit={(v: { note: string; attachmentIds?: string[] }) => run('progress', { note: v.note.trim(), attachmentIds: v.attachmentIds ?? [] }, t('hazards.done.progress'))()}
      >
        <RectifyFields evidenceRequired={false} />
      </StepDialog>

      <StepDialog
        {...common}
        open={open === 'submitRectification'}
        name="hazardRectify"
        form={rectifyForm}
        title={t('hazards.action.submitRectification')}
        onSubmit={(v: { note: string; attachmentIds?: string[] }) =>
          run('submit-rectification', { note: v.note.trim(), attachmentIds: v.attachmentIds ?? [], version }, t('hazards.done.submitRectification'))()
        }
      >
        <RectifyFields evidenceRequired />
      </StepDialog>

      <StepDialog
        {...common}
        open={open === 'verify'}
        name="hazardVerify"
        form={verifyForm}
        title={t('hazards.action.verify')}
        initialValues={{ result: 'pass' }}
        onSubmit={(v: VerifyValues) =>
          v.result === 'pass'
            ? run('verify', { note: v.note?.trim() || null, version }, t('hazards.done.verify'))()
            : run('reopen', { reason: (v.note ?? '').trim(), version }, t('hazards.done.reopen'))()
        }
      >
        <VerifyFields form={verifyForm} canFail={can('reopen')} />
      </StepDialog>

      <StepDialog
        {...common}
        open={open === 'reopen' || open === 'withdraw'}
        name={open === 'withdraw' ? 'hazardWithdraw' : 'hazardReopen'}
        form={reasonForm}
        danger={open === 'withdraw'}
        title={open === 'withdraw' ? t('hazards.action.withdraw') : t('hazards.action.reopen')}
        description={open === 'withdraw' ? <p>{t('hazards.withdrawHint')}</p> : undefined}
        onSubmit={(v) => run(open === 'withdraw' ? 'withdraw' : 'reopen', { reason: v.reason.trim(), version }, t(open === 'withdraw' ? 'hazards.done.withdraw' : 'hazards.done.reopen'))()}
      >
        <ReasonField />
      </StepDialog>

      <StepDialog
        {...common}
        open={open === 'requestExtension'}
        name="hazardExtension"
        form={extensionForm}
        title={t('hazards.action.requestExtension')}
        onSubmit={(v: { requestedDueOn: { format(f: string): string }; reason: string }) =>
          run('extensions', { requestedDueOn: v.requestedDueOn.format('YYYY-MM-DD'), reason: v.reason.trim() }, t('hazards.done.requestExtension'))()
        }
      >
        <ExtensionFields dueAt={hazard.dueAt} />
      </StepDialog>
    </>
  );
}
