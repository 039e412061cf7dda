import { useMemo } from 'react';
import * as echarts from 'echarts/core';
import { ScatterChart } from 'echarts/charts';
import { GeoComponent } from 'echarts/components';
import { useTranslation } from 'react-i18next';
import type { LibraryMap } from '../api/library';
import { BOUNDARY_MAP, libraryMapOption } from '../lib/library-map';
import EChart from './echart';

echarts.use([ScatterChart, GeoComponent]);

/** The located projects over the jurisdiction's boundary (registered from the loaded GeoJSON). */
export default function LibraryMapChart({ map }: { map: LibraryMap }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    if (map.boundary)
      echarts.registerMap(BOUNDARY_MAP, map.boundary as unknown as Parameters<typeof echarts.registerMap>[1]);
    return libraryMapOption(map, { library: t('library.board.library'), stage: t('library.project.stage') });
  }, [map, t]);
  return (
    <EChart option={option} height={520} label={t('library.board.mapLabel', { count: map.points.length })} />
  );
}
