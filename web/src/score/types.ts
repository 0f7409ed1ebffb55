// What the score routes answer (GET /api/v1/rubrics, /rubrics/{id}, /rubrics/{id}/history,
// /answers/{rubric}/{unit}, /score, /score/trend), as the score screens read them. Numbers are
// the server's six-place decimals as JSON numbers.

/** A row of GET /api/v1/rubrics. */
export interface RubricSummary {
  id: string;
  name: string;
  regulation: string;
  /** "instansi" or "unit" (Zona Integritas): which the dashboard opens first. */
  scope: string;
  weight: number;
  /** Changes whenever the rubric's file does. */
  etag: string;
}

export interface ScaleAnswer { answer: string; value: number; label?: string }
export interface Scale { id: string; answers: ScaleAnswer[] }
export interface Cutoff { answer: string; at_least?: number; above?: number }

export interface RubricItem {
  id: string;
  code: string;
  question: string;
  scale: string;
  options?: Record<string, string>;
  gate?: string;
  metric?: string;
  cutoffs?: Cutoff[];
  guidance?: string;
}

export interface SubIndicator { id: string; name: string; weight: number; items: RubricItem[] }
export interface Area { id: string; name: string; weight: number; sub_indicators: SubIndicator[] }

/** A rubric document (schemas/rubric.schema.json). */
export interface Rubric {
  id: string;
  name: string;
  regulation: string;
  scope: string;
  description?: string;
  period_months?: number;
  scales: Scale[];
  areas: Area[];
}

/** GET /api/v1/rubrics/{id} (and the answer of PUT): the rubric, the version of its file (the
 * ETag, sent back as If-Match), and the main commit it was read at. */
export interface RubricRead {
  rubric: Rubric;
  etag: string;
  commit: string;
  at?: string;
}

export interface RubricVersion { commit: string; time: string; author: string; message: string }

/** A document (or unit) a metric counts as missing. */
export interface MissingDoc {
  kind: "sop" | "map" | "unit";
  id: string;
  number: string;
  title: string;
  unit: string;
  reason: string;
}

export interface AnsweredBy { name: string; nip: string; position: string; time: string; unit: string }

export type ItemSource = "metric" | "manual" | "unanswered" | "gated";

export interface ItemScore {
  id: string;
  code: string;
  question: string;
  scale: string;
  source: ItemSource;
  /** "" while unanswered. */
  answer: string;
  value: number;
  why: string;
  /** What the area score would gain with the item's best answer. */
  gain: number;
  metric?: string;
  percent?: number;
  numerator?: number;
  denominator?: number;
  missing?: MissingDoc[];
  missing_count?: number;
  evidence?: string;
  note?: string;
  answered_by?: AnsweredBy;
  options: ScaleAnswer[];
}

export interface SubScore {
  id: string; name: string; weight: number; score: number; percent: number; items: ItemScore[];
}
export interface AreaScore {
  id: string; name: string; weight: number; score: number; percent: number; sub_indicators: SubScore[];
}

/** GET /api/v1/score. */
export interface Score {
  /** What the reader may do here (the server decides). */
  may?: { answer: boolean };
  rubric: { id: string; name: string; regulation: string; scope: string; etag: string };
  unit: { id: string; code?: string; name: string };
  scope: "subtree" | "unit";
  at: string;
  commit: string;
  score: number;
  weight: number;
  percent: number;
  areas: AreaScore[];
}

/** A month's end (the last one today); no score while there was nothing to score yet. */
export interface TrendPoint { at: string; score: number | null; percent: number | null; commit?: string }

/** PUT /api/v1/answers/{rubric}/{unit}. */
export interface AnswersRequest {
  answers: Record<string, { answer: string; evidence: string; note: string }>;
  password: string;
}
