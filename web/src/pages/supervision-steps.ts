/**
 * What each step of 督办 sends: return a report, close or escalate a 督办单, deny or approve an
 * extension, return a 销号 application or reopen its task — each with the version read and the
 * message said when it is done.
 */
import {
  trackingApi,
  type ClosureApplication,
  type ExtensionRequest,
  type SupervisionNotice,
  type UnitReport,
} from '../api/tracking';
import type { ActionValues } from '../components/action-dialog';

/** A step a supervisor takes on one record, in a dialog. */
export type Step =
  | { kind: 'return'; report: UnitReport }
  | { kind: 'close'; notice: SupervisionNotice }
  | { kind: 'escalate'; notice: SupervisionNotice }
  | { kind: 'deny'; extension: ExtensionRequest }
  | { kind: 'approveExtension'; extension: ExtensionRequest }
  | { kind: 'returnClosure'; closure: ClosureApplication }
  | { kind: 'reopen'; closure: ClosureApplication };

/** The request of a step with the dialog's values, and the i18n key of its success message. */
export function deriveStepCall(
  planId: number,
  step: Step,
  values: ActionValues,
): { send: () => Promise<unknown>; doneKey: string } {
  switch (step.kind) {
    case 'return':
      return {
        send: () =>
          trackingApi.reviewReport(
            planId,
            step.report.id,
            { type: 'return', reason: values.text },
            step.report.version,
          ),
        doneKey: 'supervision.returnedDone',
      };
    case 'close':
      return {
        send: () =>
          trackingApi.moveNotice(
            planId,
            step.notice.id,
            { type: 'close', note: values.text || undefined },
            step.notice.version,
          ),
        doneKey: 'supervision.done',
      };
    case 'escalate':
      return {
        send: () =>
          trackingApi.moveNotice(
            planId,
            step.notice.id,
            {
              type: 'escalate',
              reason: values.text,
              dueOn: values.date!,
              ...(values.urgency ? { urgency: values.urgency } : {}),
            },
            step.notice.version,
          ),
        doneKey: 'supervision.done',
      };
    case 'deny':
      return {
        send: () =>
          trackingApi.decideExtension(
            planId,
            step.extension.id,
            { type: 'deny', reason: values.text },
            step.extension.version,
          ),
        doneKey: 'supervision.done',
      };
    case 'approveExtension':
      return {
        send: () =>
          trackingApi.decideExtension(
            planId,
            step.extension.id,
            {
              type: 'approve',
              deadline: values.date ?? undefined,
              ...(values.text ? { note: values.text } : {}),
            },
            step.extension.version,
          ),
        doneKey: 'supervision.extended',
      };
    case 'returnClosure':
      return {
        send: () =>
          trackingApi.decideClosure(
            planId,
            step.closure.id,
            { type: 'return', reason: values.text },
            step.closure.version,
          ),
        doneKey: 'supervision.returnedDone',
      };
    case 'reopen':
      return {
        send: () => trackingApi.reopenTask(planId, step.closure.taskId, values.text),
        doneKey: 'supervision.reopened',
      };
  }
}
