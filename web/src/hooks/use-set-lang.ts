import { createContext, useContext } from 'react';
import type { Lang } from '../lib/format';

export interface LangState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

export const LangContext = createContext<LangState>({ lang: 'zh-CN', setLang: () => undefined });

/** The language switch: saves the choice and re-renders antd's locale with it. */
export function useSetLang(): LangState {
  return useContext(LangContext);
}
