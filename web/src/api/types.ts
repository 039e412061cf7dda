/**
 * The API's types, as the web app sees them: inferred from the server's zod schemas in
 * src/contract (types only, erased at build). The web app imports nothing else of src/: a
 * field the server drops or renames fails the web app's type check.
 */
export type {
  Achievement,
  Assignment,
  Comparator,
  Contradiction,
  Doubt,
  ErrorBody,
  ErrorCode,
  ErrorDetail,
  FieldProblemCode,
  ProjectProblemCode,
  ExtractionDoubts,
  Health,
  ImportSummary,
  ItemKind,
  Me,
  OutlineNode,
  Page,
  Plan,
  PlanState,
  PlanSummary,
  Project,
  ProjectList,
  ProjectStage,
  ReaderWarning,
  Role,
  Span,
  Target,
  TargetPatch,
  Task,
  TaskPatch,
  TaskState,
  Unit,
  UnitKind,
  User,
} from '../../../src/contract';

/** The project pipeline's stages, in order (the API's vocabulary). */
export { FIELD_PROBLEM_CODES, PROJECT_PROBLEM_CODES, PROJECT_STAGES } from '../../../src/contract/constants';
