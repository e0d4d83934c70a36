// Create or edit a checklist template (INS-01): kind, names, description, and sections of items —
// each item with its key, check, standard (检查标准), method, hazard category and the grade a failure
// proposes. Saving an edit writes a new version; inspections already made keep the version they used.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Drawer, Form, Input, Select, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api';
import { useIsMobile } from '../../app/useIsMobile';
import { ErrorAlert } from '../../components/ErrorAlert';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useFormMutation } from '../../components/useFormMutation';
import { IP } from '../../../../server/modules/inspections/permissions.ts';
import { categoryLabel, gradeLabel, hazardCategories, hazardGrades, inspectionMethods, kindLabel, methodLabel, templateKinds } from './labels';
import type { TemplateCreate, TemplateDetail } from './types';

interface Props {
  open: boolean;
  /** Edit this template (a new version)… or create one. */
  template?: TemplateDetail | null;
  onClose: () => void;
  onSaved: (t: TemplateDetail) => void;
}

const blankItem = { method: 'onsite', category: 'physical', defaultGrade: 'general' };
const trimOrUndefined = (v?: string | null) => (v && v.trim() ? v.trim() : undefined);

export function TemplateForm({ open, template, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const [form] = Form.useForm<TemplateCreate>();
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (template) form.setFieldsValue({ kind: template.kind, name: template.name, nameEn: template.nameEn, description: template.description, sections: template.sections, orgId: template.orgId });
  }, [open, template, form]);
  const save = useFormMutation(
    (v: TemplateCreate) => {
      const sections = v.sections.map((s) => ({
        title: s.title.trim(),
        titleEn: trimOrUndefined(s.titleEn),
        items: s.items.map((i) => ({ ...i, key: i.key.trim(), text: i.text.trim(), textEn: trimOrUndefined(i.textEn), standard: i.standard.trim(), standardEn: trimOrUndefined(i.standardEn) })),
      }));
      const body = { kind: v.kind, name: v.name.trim(), nameEn: trimOrUndefined(v.nameEn), description: trimOrUndefined(v.description) ?? null, sections };
      if (template) return api.patch<TemplateDetail>(`/inspection-templates/${template.id}`, body, template.version);
      return api.create<TemplateDetail>('/inspection-templates', { ...body, orgId: v.orgId });
    },
    { form, invalidate: [['inspection-templates']], onSuccess: (r) => onSaved(r) },
  );
  const required = { required: true, whitespace: true, message: t('validation.required') };
  const max = (n: number) => ({ max: n, message: t('validation.maxLength', { max: n }) });
  return (
    <Drawer
      open={open}
      title={template ? t('inspectionTemplates.editTitle', { name: template.name }) : t('inspectionTemplates.create')}
      size={mobile ? '100%' : 880}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {template && <p>{t('inspectionTemplates.newVersionHint', { n: template.templateVersion + 1 })}</p>}
      <ErrorAlert error={save.error} form={form} />
      <Form<TemplateCreate> form={form} name="templateForm" layout="vertical" initialValues={{ sections: [{ title: '', items: [blankItem] }] }} onFinish={(v) => save.mutate(v)}>
        {!template && (
          <Form.Item name="orgId" label={t('inspectionTemplates.owner')} extra={t('inspectionTemplates.ownerHint')}>
            <OrgTreeSelect permission={IP.manage_templates} />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('inspectionTemplates.kind')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={templateKinds.map((k) => ({ value: k, label: kindLabel(k) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('inspectionTemplates.name')} rules={[required, max(200)]}>
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label={t('inspectionTemplates.nameEn')} rules={[max(200)]}>
          <Input lang="en" />
        </Form.Item>
        <Form.Item name="description" label={t('inspectionTemplates.description')} rules={[max(2000)]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.List name="sections">
          {(sections, { add: addSection, remove: removeSection }) => (
            <>
              {sections.map((s, si) => (
                <Card
                  key={s.key}
                  size="small"
                  className="card-gap"
                  title={t('inspectionTemplates.sectionN', { n: si + 1 })}
                  extra={
                    sections.length > 1 && (
                      <Button danger type="text" icon={<DeleteOutlined aria-hidden />} onClick={() => removeSection(s.name)}>
                        {t('inspectionTemplates.removeSection', { n: si + 1 })}
                      </Button>
                    )
                  }
                >
                  <Form.Item name={[s.name, 'title']} label={t('inspectionTemplates.sectionTitle')} rules={[required, max(200)]}>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[s.name, 'titleEn']} label={t('inspectionTemplates.sectionTitleEn')} rules={[max(200)]}>
                    <Input lang="en" />
                  </Form.Item>
                  <Form.List name={[s.name, 'items']}>
                    {(items, { add, remove }) => (
                      <>
                        {items.map((it, ii) => (
                          <fieldset key={it.key} className="ins-template-item">
                            <legend className="ins-section-title">{t('inspectionTemplates.itemN', { section: si + 1, n: ii + 1 })}</legend>
                            <Form.Item name={[it.name, 'key']} label={t('inspectionTemplates.itemKey')} extra={t('inspectionTemplates.itemKeyHint')} rules={[required, max(40), { pattern: /^[a-z0-9][a-z0-9_.-]*$/, message: t('inspectionTemplates.itemKeyHint') }]}>
                              <Input spellCheck={false} autoCapitalize="none" />
                            </Form.Item>
                            <Form.Item name={[it.name, 'text']} label={t('inspectionTemplates.itemText')} rules={[required, max(200)]}>
                              <Input />
                            </Form.Item>
                            <Form.Item name={[it.name, 'textEn']} label={t('inspectionTemplates.itemTextEn')} rules={[max(200)]}>
                              <Input lang="en" />
                            </Form.Item>
                            <Form.Item name={[it.name, 'standard']} label={t('inspectionTemplates.standard')} rules={[required, max(1000)]}>
                              <Input.TextArea rows={2} />
                            </Form.Item>
                            <Form.Item name={[it.name, 'standardEn']} label={t('inspectionTemplates.standardEn')} rules={[max(1000)]}>
                              <Input.TextArea rows={2} lang="en" />
                            </Form.Item>
                            <Space wrap>
                              <Form.Item name={[it.name, 'method']} label={t('inspectionTemplates.method')} rules={[{ required: true, message: t('validation.required') }]}>
                                <Select style={{ width: 160 }} options={inspectionMethods.map((m) => ({ value: m, label: methodLabel(m) }))} />
                              </Form.Item>
                              <Form.Item name={[it.name, 'category']} label={t('inspectionTemplates.category')} rules={[{ required: true, message: t('validation.required') }]}>
                                <Select style={{ width: 160 }} options={hazardCategories.map((c) => ({ value: c, label: categoryLabel(c) }))} />
                              </Form.Item>
                              <Form.Item name={[it.name, 'defaultGrade']} label={t('inspectionTemplates.defaultGrade')} rules={[{ required: true, message: t('validation.required') }]}>
                                <Select style={{ width: 160 }} options={hazardGrades.map((g) => ({ value: g, label: gradeLabel(g) }))} />
                              </Form.Item>
                            </Space>
                            {items.length > 1 && (
                              <Button danger type="text" icon={<DeleteOutlined aria-hidden />} onClick={() => remove(it.name)}>
                                {t('inspectionTemplates.removeItem', { section: si + 1, n: ii + 1 })}
                              </Button>
                            )}
                          </fieldset>
                        ))}
                        <Button type="dashed" block icon={<PlusOutlined aria-hidden />} onClick={() => add(blankItem)}>
                          {t('inspectionTemplates.addItem')}
                        </Button>
                      </>
                    )}
                  </Form.List>
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined aria-hidden />} onClick={() => addSection({ title: '', items: [blankItem] })}>
                {t('inspectionTemplates.addSection')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
