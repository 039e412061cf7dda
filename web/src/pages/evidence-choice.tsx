import { Checkbox, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PUBLISHABLE_EVIDENCE } from '../api/promises';
import { useItemEvidence } from '../hooks/use-item-evidence';
import { periodLabel } from '../lib/format';
import { useErrorMessage } from '../hooks/use-error-message';
import { useLang } from '../hooks/use-lang';

/**
 * The item's evidence files, each a checkbox: those ticked go public with the verdict (issue
 * 19.4), as copies without their metadata; a kind of file whose metadata cannot be stripped
 * (.doc, .xls, .pptx, GIF, OFD) cannot be ticked and says why. A form control (`value`/`onChange`).
 */
export function EvidenceChoice({
  planId,
  type,
  id,
  published,
  value,
  onChange,
}: {
  planId: number;
  type: 'task' | 'target';
  id: number;
  /** Files public already (by an earlier verdict): shown ticked, not to be unticked. */
  published: number[];
  value?: number[];
  onChange?: (ids: number[]) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const errorMessage = useErrorMessage();
  const files = useItemEvidence(planId, type, id);
  if (files.isPending) return <Typography.Text type="secondary">…</Typography.Text>;
  if (files.isError) return <Typography.Text type="danger">{errorMessage(files.error)}</Typography.Text>;
  if (files.data.length === 0)
    return <Typography.Text type="secondary">{t('baseline.evidence.none')}</Typography.Text>;
  return (
    <Checkbox.Group
      value={[...published, ...(value ?? [])]}
      onChange={(ids) => onChange?.(ids.filter((x) => !published.includes(x)))}
      style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
      options={files.data.map((f) => {
        const publishable = PUBLISHABLE_EVIDENCE.test(f.name);
        return {
          value: f.id,
          disabled: published.includes(f.id) || !publishable,
          label: [
            f.name,
            f.periodKey ? `（${periodLabel(f.periodKey, lang)}）` : '',
            published.includes(f.id) ? ` · ${t('baseline.evidence.public')}` : '',
            publishable ? '' : t('baseline.evidence.notPublishable'),
          ].join(''),
        };
      })}
    />
  );
}
