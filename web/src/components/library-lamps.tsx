import { Space, Tooltip } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { LampColor } from '../api/library';
import { ToneTag, type Tone } from './tags';

export const LAMP_TONE: Record<LampColor, Tone> = {
  green: 'green',
  yellow: 'gold',
  red: 'red',
  grey: 'grey',
};
export const LAMP_KINDS = ['start', 'pace', 'funds', 'stats'] as const;

/** One lamp as a tag: what it watches and its colour, with the reason on hover when given. */
export function Lamp({ kind, color, reason }: { kind: string; color: LampColor; reason?: string }) {
  const { t } = useTranslation();
  const tag = (
    <ToneTag tone={LAMP_TONE[color]}>
      <span data-lamp={kind} data-color={color}>
        {t(`library.lamp.${kind}`)}·{t(`library.lampColor.${color}`)}
      </span>
    </ToneTag>
  );
  return reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}

/** The four lamps of a project in a row. */
export function LampRow({ lamps }: { lamps: Record<(typeof LAMP_KINDS)[number], LampColor> }) {
  return (
    <Space size={2} wrap>
      {LAMP_KINDS.map((kind) => (
        <Lamp key={kind} kind={kind} color={lamps[kind]} />
      ))}
    </Space>
  );
}

/** 万元 → 亿元 as the ledgers show money, two places. */
export function yi(wan: number | null | undefined): string {
  return wan === null || wan === undefined ? '—' : (wan / 10_000).toFixed(2);
}

/** Why a lamp shows its colour, in the user's language (the server's code and figures). */
export function lampWhyText(t: TFunction, why: { code: string; params: Record<string, unknown> }): string {
  const params: Record<string, unknown> = { ...why.params };
  if (typeof params['ratio'] === 'number') params['ratio'] = `${Math.round(params['ratio'] * 100)}%`;
  for (const k of ['completed', 'expected', 'planned', 'threshold'])
    if (typeof params[k] === 'number') params[k] = Math.round(params[k] as number);
  return t(`library.lampWhy.${why.code}`, params);
}
