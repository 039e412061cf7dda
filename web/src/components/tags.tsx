import type { ReactNode } from 'react';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Health, PlanState, TaskState } from '../api/types';

/**
 * Tag colours with text dark enough for WCAG AA (4.5:1) on their pale backgrounds: antd's
 * preset tag colours (e.g. #d46b08 on #fff7e6, 3.3:1) fail axe's contrast check.
 */
export type Tone = 'green' | 'gold' | 'red' | 'blue' | 'orange' | 'purple' | 'grey';

const TONES: Record<Tone, { color: string; background: string; borderColor: string }> = {
  green: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  gold: { color: '#613400', background: '#fffbe6', borderColor: '#ffe58f' },
  red: { color: '#820014', background: '#fff1f0', borderColor: '#ffa39e' },
  blue: { color: '#002c8c', background: '#e6f4ff', borderColor: '#91caff' },
  orange: { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' },
  purple: { color: '#22075e', background: '#f9f0ff', borderColor: '#d3adf7' },
  grey: { color: 'rgba(0,0,0,0.88)', background: '#fafafa', borderColor: '#d9d9d9' },
};

export function ToneTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <Tag style={TONES[tone]}>{children}</Tag>;
}

/** Office colours (红黄绿), each with its word so colour is never the only signal. */
const HEALTH_TONE: Record<Health, Tone> = {
  on_track: 'green',
  at_risk: 'gold',
  behind: 'red',
  done: 'blue',
  not_started: 'grey',
  no_data: 'grey',
};

const STATE_TONE: Record<TaskState, Tone> = {
  not_started: 'grey',
  in_progress: 'blue',
  done: 'green',
  closed: 'purple',
};

export function HealthTag({ health }: { health: Health }) {
  const { t } = useTranslation();
  return <ToneTag tone={HEALTH_TONE[health]}>{t(`health.${health}`)}</ToneTag>;
}

export function TaskStateTag({ state }: { state: TaskState }) {
  const { t } = useTranslation();
  return <ToneTag tone={STATE_TONE[state]}>{t(`taskState.${state}`)}</ToneTag>;
}

export function PlanStateTag({ state }: { state: PlanState }) {
  const { t } = useTranslation();
  return <ToneTag tone={state === 'published' ? 'green' : 'orange'}>{t(`planState.${state}`)}</ToneTag>;
}
