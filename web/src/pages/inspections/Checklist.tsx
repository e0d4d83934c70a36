// The checklist of an inspection: on a phone a step-through, one item at a time with big "previous"
// / "next" buttons (a pass or n/a moves on by itself); on a wider screen every section at once.
import { ArrowLeftOutlined, ArrowRightOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../app/useIsMobile';
import { ItemCard } from './ItemCard';
import { bi } from './labels';
import type { InspectionDetail } from './types';

export function Checklist({ d, editable }: { d: InspectionDetail; editable: boolean }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const flat = useMemo(() => d.sections.flatMap((s, si) => s.items.map((item) => ({ item, section: bi(s.title, s.titleEn), si }))), [d.sections]);
  // Start at the first unanswered item.
  const [index, setIndex] = useState(() => Math.max(0, flat.findIndex((x) => !x.item.result)));
  const at = Math.min(index, flat.length - 1);
  const percent = d.itemCount ? Math.round((d.answeredCount / d.itemCount) * 100) : 0;
  const progress = (
    <div>
      <Progress percent={percent} aria-label={t('inspections.progress')} format={() => `${d.answeredCount} / ${d.itemCount}`} />
      <span>{t('inspections.progressText', { answered: d.answeredCount, total: d.itemCount, failed: d.failedCount })}</span>
    </div>
  );
  const card = (i: number, position?: string) => {
    const { item } = flat[i];
    return (
      <ItemCard
        key={`${item.key}-${item.result?.updatedAt ?? ''}`}
        inspectionId={d.id}
        item={item}
        position={position}
        editable={editable}
        onAnswered={mobile ? () => setIndex((n) => Math.min(n + 1, flat.length - 1)) : undefined}
      />
    );
  };

  if (mobile && editable && flat.length) {
    const cur = flat[at];
    return (
      <Card className="card-gap" title={<h2 className="section-title">{t('inspections.checklist')}</h2>}>
        {progress}
        <Select
          className="full-width"
          style={{ margin: '12px 0' }}
          size="large"
          aria-label={t('inspections.jumpTo')}
          value={at}
          onChange={(v: number) => setIndex(v)}
          options={flat.map((x, i) => ({ value: i, label: `${i + 1}. ${x.item.result ? '✓ ' : ''}${bi(x.item.text, x.item.textEn)}` }))}
        />
        <h3 className="ins-section-title">{cur.section}</h3>
        {card(at, t('inspections.position', { n: at + 1, total: flat.length }))}
        <div className="ins-step-nav">
          <Button icon={<ArrowLeftOutlined aria-hidden />} disabled={at === 0} onClick={() => setIndex(at - 1)}>
            {t('inspections.previous')}
          </Button>
          <Button icon={<ArrowRightOutlined aria-hidden />} iconPlacement="end" disabled={at >= flat.length - 1} onClick={() => setIndex(at + 1)}>
            {t('inspections.next')}
          </Button>
        </div>
      </Card>
    );
  }

  return (
    <Card className="card-gap" title={<h2 className="section-title">{t('inspections.checklist')}</h2>}>
      {progress}
      {d.sections.map((s, si) => (
        <section key={si} aria-label={bi(s.title, s.titleEn)}>
          <h3 className="ins-section-title">{bi(s.title, s.titleEn)}</h3>
          {s.items.map((item) => card(flat.findIndex((x) => x.item.key === item.key)))}
        </section>
      ))}
    </Card>
  );
}
