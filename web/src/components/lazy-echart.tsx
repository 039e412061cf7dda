import { useEffect, useState } from 'react';
import type * as EChartCode from './echart';
import type { EChartProps } from './echart';

type EChartModule = typeof EChartCode;
let loaded: EChartModule | undefined;
let loading: Promise<EChartModule> | undefined;

/** Starts loading ECharts (its own chunk) once; a page calls it while its data is on its way. */
export function loadEChart(): Promise<EChartModule> {
  loading ??= import('./echart').then((module) => (loaded = module));
  return loading;
}

/**
 * An ECharts canvas whose code loads apart from the page: until it has come, a box of the
 * chart's height holds its place, so the page's words and links show without waiting for the
 * charts. Unlike `React.lazy` it suspends nothing (no Suspense fallback held back by React)
 * and, once loaded, draws at once.
 */
export function LazyEChart(props: EChartProps) {
  const [module, setModule] = useState(loaded);
  useEffect(() => {
    if (module) return;
    let live = true;
    void loadEChart().then((m) => live && setModule(m));
    return () => {
      live = false;
    };
  }, [module]);
  if (module) return <module.default {...props} />;
  return <div aria-busy="true" style={{ width: '100%', height: props.height ?? 320 }} />;
}
