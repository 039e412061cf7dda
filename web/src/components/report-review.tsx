import { useMemo, useState } from 'react';
import { Button, Input, Space, Switch, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { UnitReport } from '../api/tracking';
import { deriveReviewLines, type ReviewLine } from '../lib/review-lines';
import { ToneTag } from './tags';

type LineRef = { type: 'task' | 'target'; id: number };

export interface ReportReviewProps {
  report: UnitReport;
  /** The unit's report of the period before, to show what changed. */
  previous: UnitReport | null;
  /** A line's name as the office knows it (the task's title, the target's metric). */
  nameOf: (line: LineRef) => string;
  evidenceUrl: (fileId: number | string) => string;
  canAct: boolean;
  busy?: boolean;
  onApprove: (lines: LineRef[]) => void;
  onReturn: (lines: (LineRef & { reason: string })[]) => void;
}

const STATUS_TONE = { submitted: 'blue', approved: 'green', returned: 'red' } as const;

/**
 * One report under review: the lines that changed since last period by default (the rest one
 * switch away), each with the figure before and the change highlighted, its evidence beside it,
 * and approve or return (with its reason) per line.
 */
export function ReportReview(props: ReportReviewProps) {
  const { t } = useTranslation();
  const lines = useMemo(
    () => deriveReviewLines(props.report, props.previous),
    [props.report, props.previous],
  );
  const [showAll, setShowAll] = useState(false);
  const [returning, setReturning] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const unchanged = lines.filter((l) => !l.changed).length;
  const shown = lines.filter((l) => showAll || l.changed || l.status !== 'submitted');

  const figure = (line: ReviewLine) => (
    <Typography.Text strong>
      {line.figure}
      {line.unit}
      {line.state ? ` ${t(`taskState.${line.state}`)}` : ''}
    </Typography.Text>
  );
  const change = (line: ReviewLine) => {
    if (!line.before) return <ToneTag tone="blue">{t('supervision.firstReport')}</ToneTag>;
    if (!line.changed) return <ToneTag tone="grey">{t('supervision.unchanged')}</ToneTag>;
    const d = line.delta ?? 0;
    return (
      <span className="lx-review-change" data-testid="line-change">
        <Typography.Text type="secondary">
          {t('supervision.before', { figure: `${line.before.figure}${line.unit}` })}
        </Typography.Text>{' '}
        <ToneTag tone={d > 0 ? 'green' : d < 0 ? 'red' : 'gold'}>
          {d > 0 ? `+${d}` : d === 0 ? t('supervision.noteChanged') : `${d}`}
          {d === 0 ? '' : line.unit}
        </ToneTag>
      </span>
    );
  };

  return (
    <div data-testid={`review-${props.report.id}`}>
      {unchanged > 0 ? (
        <Space style={{ marginBottom: 8 }}>
          <Switch
            id={`show-unchanged-${props.report.id}`}
            size="small"
            checked={showAll}
            onChange={setShowAll}
            aria-label={t('supervision.showUnchanged', { count: unchanged })}
          />
          {/* The words switch it too, as a form's label does. */}
          <Typography.Text type="secondary">
            <label htmlFor={`show-unchanged-${props.report.id}`}>
              {t('supervision.showUnchanged', { count: unchanged })}
            </label>
          </Typography.Text>
        </Space>
      ) : null}
      <ul className="lx-report-lines">
        {shown.map((line) => (
          <li
            key={line.key}
            data-testid={`review-line-${line.key}`}
            className={line.changed ? 'lx-line-changed' : undefined}
          >
            <Space wrap size={[8, 4]}>
              <Typography.Text>{props.nameOf({ type: line.type, id: line.id })}</Typography.Text>
              {figure(line)}
              {change(line)}
              <ToneTag tone={STATUS_TONE[line.status]}>{t(`todo.lineStatus.${line.status}`)}</ToneTag>
            </Space>
            {line.note ? (
              <Typography.Paragraph style={{ margin: '4px 0' }}>{line.note}</Typography.Paragraph>
            ) : null}
            <div data-testid="line-evidence">
              {line.evidence.length > 0 ? (
                <Space wrap>
                  {line.evidence.map((file) => (
                    <a key={file.fileId} href={props.evidenceUrl(file.fileId)}>
                      <PaperClipOutlined /> {file.name}
                    </a>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('supervision.noLineEvidence')}</Typography.Text>
              )}
            </div>
            {line.status === 'returned' && line.returnReason ? (
              <Typography.Paragraph type="danger" style={{ margin: '4px 0' }}>
                {t('supervision.returnedFor', { reason: line.returnReason })}
              </Typography.Paragraph>
            ) : null}
            {props.canAct && line.status === 'submitted' ? (
              returning === line.key ? (
                <Space wrap style={{ display: 'flex', marginTop: 4 }}>
                  <Input
                    aria-label={t('supervision.returnReason')}
                    placeholder={t('supervision.returnReason')}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    style={{ minWidth: 220 }}
                  />
                  <Button
                    size="small"
                    danger
                    disabled={reason.trim() === ''}
                    loading={props.busy}
                    onClick={() => {
                      props.onReturn([{ type: line.type, id: line.id, reason: reason.trim() }]);
                      setReturning(undefined);
                      setReason('');
                    }}
                  >
                    {t('supervision.confirmReturn')}
                  </Button>
                  <Button size="small" onClick={() => setReturning(undefined)}>
                    {t('common.cancel')}
                  </Button>
                </Space>
              ) : (
                <Space style={{ display: 'flex', marginTop: 4 }}>
                  <Button
                    size="small"
                    type="primary"
                    loading={props.busy}
                    onClick={() => props.onApprove([{ type: line.type, id: line.id }])}
                  >
                    {t('supervision.approveLine')}
                  </Button>
                  <Button size="small" danger onClick={() => setReturning(line.key)}>
                    {t('supervision.returnLine')}
                  </Button>
                </Space>
              )
            ) : null}
          </li>
        ))}
      </ul>
      {props.report.evidence.length > 0 ? (
        <Space wrap>
          {t('supervision.evidence')}：
          {props.report.evidence.map((file) => (
            <a key={file.fileId} href={props.evidenceUrl(file.fileId)}>
              {file.name}
            </a>
          ))}
        </Space>
      ) : null}
    </div>
  );
}
