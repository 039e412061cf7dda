import type { LibraryMap } from '../api/library';

/** Text for the tooltip's HTML: names come from office ledgers. */
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The name the jurisdiction's boundary is registered under with ECharts. */
export const BOUNDARY_MAP = 'luoshi-boundary';

/**
 * The ECharts option of the project map: the jurisdiction's own boundary as the geo layer (no
 * online tiles) and one point per located project, coloured by stage, named by library and stage
 * in the tooltip. Without a boundary, the points alone on plain axes of longitude and latitude.
 */
export function libraryMapOption(map: LibraryMap, label: { library: string; stage: string }) {
  const libraryName = new Map(map.libraries.map((l) => [l.code, l.name]));
  const stageName = new Map(map.stages.map((s) => [s.id, s.name]));
  const stages = map.stages.map((s) => s.id).filter((id) => map.points.some((p) => p.stage === id));
  const series = stages.map((stage) => ({
    type: 'scatter' as const,
    name: stageName.get(stage) ?? stage,
    ...(map.boundary ? { coordinateSystem: 'geo' as const } : {}),
    symbolSize: 8,
    data: map.points
      .filter((p) => p.stage === stage && !p.exited)
      .map((p) => ({
        name: p.name,
        value: [p.lng, p.lat, p.id],
        tip: [
          p.name,
          `${label.library}：${libraryName.get(p.library) ?? p.library}`,
          `${label.stage}：${stageName.get(p.stage) ?? p.stage}`,
        ]
          .map(escapeHtml)
          .join('<br/>'),
      })),
  }));
  return {
    tooltip: { trigger: 'item', formatter: (item: { data?: { tip?: string } }) => item.data?.tip ?? '' },
    legend: { top: 0 },
    ...(map.boundary
      ? {
          geo: { map: BOUNDARY_MAP, roam: true, itemStyle: { areaColor: '#f5f7fa', borderColor: '#8c8c8c' } },
        }
      : { xAxis: { type: 'value', scale: true }, yAxis: { type: 'value', scale: true } }),
    series,
  };
}
