/** The bulk assignment form's values: empty means "leave as it is". */
export interface AssignmentValues {
  leadUnitId?: number | null;
  coUnitIds?: number[];
  leader?: string;
  /** ISO date YYYY-MM-DD. */
  deadline?: string | null;
  weight?: number | null;
}

export const LEADER_MAX = 32;

/** An i18n key with its values, so messages come out in the user's language. */
export interface FieldProblem {
  key: string;
  values?: Record<string, unknown>;
}

export type AssignmentProblems = Partial<Record<keyof AssignmentValues | 'form', FieldProblem>>;

/**
 * Checks the form as the user types. `today` is an ISO date (the caller's clock, so tests can
 * fix it). Returns one problem per field at most; an empty object means valid.
 */
export function validateAssignment(values: AssignmentValues, today: string): AssignmentProblems {
  const problems: AssignmentProblems = {};
  const leader = values.leader?.trim() ?? '';
  if (leader.length > LEADER_MAX)
    problems.leader = { key: 'plan.leaderTooLong', values: { max: LEADER_MAX } };
  if (values.deadline && values.deadline < today) problems.deadline = { key: 'plan.deadlinePast' };
  if (
    values.leadUnitId !== undefined &&
    values.leadUnitId !== null &&
    values.coUnitIds?.includes(values.leadUnitId)
  ) {
    problems.coUnitIds = { key: 'plan.coUnitIsLead' };
  }
  if (values.weight !== undefined && values.weight !== null && (values.weight < 0 || values.weight > 100)) {
    problems.weight = { key: 'plan.weightRange' };
  }
  const anything =
    (values.leadUnitId !== undefined && values.leadUnitId !== null) ||
    (values.coUnitIds?.length ?? 0) > 0 ||
    leader.length > 0 ||
    Boolean(values.deadline) ||
    (values.weight !== undefined && values.weight !== null);
  if (!anything) problems.form = { key: 'plan.nothingToChange' };
  return problems;
}

/** The PATCH body for valid values: only the fields filled in. */
export function toAssignmentPatch(values: AssignmentValues): {
  leadUnitId?: number;
  coUnitIds?: number[];
  leader?: string;
  deadline?: string;
  weight?: number;
} {
  const patch: ReturnType<typeof toAssignmentPatch> = {};
  if (values.leadUnitId !== undefined && values.leadUnitId !== null) patch.leadUnitId = values.leadUnitId;
  if (values.coUnitIds && values.coUnitIds.length > 0) patch.coUnitIds = values.coUnitIds;
  const leader = values.leader?.trim();
  if (leader) patch.leader = leader;
  if (values.deadline) patch.deadline = values.deadline;
  if (values.weight !== undefined && values.weight !== null) patch.weight = values.weight;
  return patch;
}
