import { useQuery } from '@tanstack/react-query';
import { trackingApi } from '../api/tracking';
import { trackingKeys } from './use-tracking';

/** An evidence file of an item, where it came from (a period's report or a 销号 application). */
export interface ItemEvidenceFile {
  id: number;
  name: string;
  /** The period of the approved report that carried it; null for a 销号 application's file. */
  periodKey: string | null;
}

/**
 * Every stored evidence file of a task or target the plan office may make public with a
 * verdict: its lines' files in approved reports, the reports' own files, and a task's 销号
 * applications' files; each once, oldest period first.
 */
export function useItemEvidence(planId: number, type: 'task' | 'target', id: number) {
  return useQuery({
    queryKey: [...trackingKeys.all(planId), 'item-evidence', type, id],
    queryFn: async (): Promise<ItemEvidenceFile[]> => {
      const [reports, closures] = await Promise.all([
        trackingApi.reports(planId, { status: 'approved' }),
        type === 'task'
          ? trackingApi.closures(planId, { subjectType: 'task', subjectId: id })
          : Promise.resolve({ items: [] }),
      ]);
      const files = new Map<number, ItemEvidenceFile>();
      const add = (
        refs: { fileId: number | string; name: string }[] | undefined,
        periodKey: string | null,
      ) => {
        for (const ref of refs ?? []) {
          const fileId = Number(ref.fileId);
          if (Number.isInteger(fileId) && fileId > 0 && !files.has(fileId))
            files.set(fileId, { id: fileId, name: ref.name, periodKey });
        }
      };
      for (const report of [...reports.items].sort((a, b) => a.periodKey.localeCompare(b.periodKey))) {
        const line =
          type === 'task'
            ? report.tasks.find((l) => l.taskId === id)
            : report.targets.find((l) => l.targetId === id);
        if (!line) continue;
        add(line.evidence, report.periodKey);
        add(report.evidence, report.periodKey);
      }
      for (const closure of closures.items) if (closure.taskId === id) add(closure.evidence, null);
      return [...files.values()];
    },
  });
}
