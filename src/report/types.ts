/**
 * The reader's output contract. Field names and meanings follow ../shared/eval/GUIDE.md;
 * every span is [start, end) in UTF-16 code units of the text the reader was given.
 */

/** [start, end) offsets into the report text. */
export type Span = [number, number];

/** GUIDE.md §1: `>=` 以上/不低于/达到, `>` 超过/突破/余, `<=` 以内/不超过, `~` 左右/约/近, `=` otherwise. */
export type Comparator = '>=' | '>' | '<=' | '~' | '=';

/**
 * Why the reader doubts what it read (doubt.ts): stable codes a reviewer can filter on. Items:
 * NO_PERIOD, YEAR_INFERRED, BEFORE_CHAPTERS, STRUCTURE, FLOW_OR_STOCK, PAST_AMONG_PLANS,
 * WORD_NUMERAL, BARE_RATIO, SIZE_WORD, NO_METRIC; projects: NOT_LISTED, NO_FACILITY_WORD,
 * STEP_BEFORE_ONLY, SHARED_ENDING, LONG_NAME; headings: NO_NUMERAL, RUN_IN, LEAD_PHRASE.
 */
export type DoubtCode = string;

/** How sure the reader is of one thing it read: 1 when nothing casts doubt, lower for each doubt. */
export interface Doubted {
  /** 0–1; extractReport always sets it. */
  confidence?: number;
  /** The reasons for doubt, most weighty first; [] when there is none. */
  doubts?: DoubtCode[];
}

/** Promised (`target`) or reported as done (`achievement`). */
export type ItemKind = 'target' | 'achievement';

/** One number in the text that measures the place's performance (GUIDE.md §1). */
export interface Item extends Doubted {
  span: Span;
  quote: string;
  value: number;
  /** As written, multiplier included ("万户", "亿元", "%"); "" for a pure ratio. */
  unit: string;
  comparator: Comparator;
  kind: ItemKind;
  /** "2022", "2021", "2022-2026", "2017-2021". */
  period: string;
  /** A short name of what is measured, taken from the text. */
  metric: string;
  /** Rising (增长/提高) or falling (下降/控制在…以内); undefined when the text does not say. */
  direction?: 'rising' | 'falling';
}

/** A named project with the step promised for it (GUIDE.md §2). */
export interface Project extends Doubted {
  span: Span;
  name: string;
  /** The promised step as written: "签约落地", "开工建设", "建成投用". */
  stage: string;
  kind: ItemKind;
  /** Span of the whole enumeration the name came from. */
  listSpan: Span;
  /** The count the list promises ("等40个项目签约落地" → 40), when given. */
  listCount?: number;
}

/** A heading (GUIDE.md §3): 1 = 一、chapter, 2 = （一）section, 3 = lead phrase of a paragraph. */
export interface Heading extends Doubted {
  level: 1 | 2 | 3;
  title: string;
  /** Span of the title (no number, no final punctuation). */
  span: Span;
}

/** What a part of the report talks about, which decides an item's kind and period. */
export type ZoneTense = 'past' | 'future';

/** A stretch of text with one tense and period, e.g. the review chapter (past, "2017-2021"). */
export interface Zone {
  span: Span;
  tense: ZoneTense;
  /** Default period for items in this zone. */
  period: string;
  /** Kind of part: the body chapters, or an appendix / glossary / note that is not scored. */
  role: 'preamble' | 'review' | 'outlook' | 'plan' | 'closing' | 'appendix';
}

/** Facts about the report itself, whatever the text gives. */
export interface ReportMeta {
  title?: string;
  /** e.g. 北京市昌平区 */
  place?: string;
  level?: '国家' | '省' | '市' | '区县';
  /** The year the report plans for. */
  year?: number;
  /** ISO date it was delivered. */
  deliveredOn?: string;
  meeting?: string;
  speaker?: string;
  speakerTitle?: string;
}

/** A sentence in the task chapters that commits to doing something. */
export interface Task {
  span: Span;
  text: string;
  /** Titles from chapter down to the lead phrase containing the sentence. */
  outlinePath: string[];
  /** Indexes into `items` and `projects` of those inside the sentence. */
  itemIndexes: number[];
  projectIndexes: number[];
}

/** Something the reader could not place, with where it is. */
export interface Warning {
  code: string;
  message: string;
  span?: Span;
}

/** The whole extraction; the scorer reads items, projects and outline. */
export interface Extraction {
  report: ReportMeta;
  outline: Heading[];
  zones: Zone[];
  items: Item[];
  projects: Project[];
  tasks: Task[];
  warnings: Warning[];
}
