import {
  MAX_ADDRESS_LENGTH,
  MAX_MEDIA,
  MAX_MEDIA_BYTES,
  MAX_PLACE_NAME_LENGTH,
  MAX_TEXT_LENGTH,
  MEDIA_TYPES,
} from '../../../../src/contract/constants';
import type { Area, OrderIntakeBody, OrderSource } from '../../api/requests';

/** Limits of the intake body, the server's own (src/contract/constants.ts). */
export const INTAKE_LIMITS = {
  text: MAX_TEXT_LENGTH,
  address: MAX_ADDRESS_LENGTH,
  grid: MAX_PLACE_NAME_LENGTH,
  name: MAX_PLACE_NAME_LENGTH,
  media: MAX_MEDIA,
  mediaBytes: MAX_MEDIA_BYTES,
} as const;

export { MEDIA_TYPES };

/** A file the operator attached, before upload: what validation needs to know of it. */
export interface IntakeFile {
  uid: string;
  name: string;
  type: string;
  size: number;
}

/** The intake screen's values, as typed. */
export interface IntakeValues {
  source: OrderSource;
  text: string;
  category: string | undefined;
  area: string | undefined;
  community: string | undefined;
  gridCell: string;
  address: string;
  name: string;
  phone: string;
  email: string;
  anonymousToPublic: boolean;
  anonymousToUnit: boolean;
  files: IntakeFile[];
}

export const EMPTY_INTAKE: IntakeValues = {
  source: 'hotline',
  text: '',
  category: undefined,
  area: undefined,
  community: undefined,
  gridCell: '',
  address: '',
  name: '',
  phone: '',
  email: '',
  anonymousToPublic: true,
  anonymousToUnit: false,
  files: [],
};

export interface FieldProblem {
  key: string;
  values?: Record<string, unknown>;
}

export type IntakeField = Exclude<keyof IntakeValues, 'anonymousToPublic' | 'anonymousToUnit' | 'source'>;
export type IntakeProblems = Partial<Record<IntakeField, FieldProblem>>;

const PHONE = /^[0-9+\- ]{5,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks the intake as the operator types, with the same rules as the server (src/contract/requests.ts,
 * receiveOrder): text, a category of the catalogue, a street or town of the jurisdiction and
 * one of its communities, an address, a valid contact, accepted media. At most one problem per
 * field, each an i18n key so it reads in the user's language; empty means valid.
 */
export function validateIntake(
  values: IntakeValues,
  context: { categories: readonly string[]; areas: readonly Area[] },
): IntakeProblems {
  const problems: IntakeProblems = {};
  const text = values.text.trim();
  if (!text) problems.text = { key: 'requests.intake.textRequired' };
  else if (text.length > INTAKE_LIMITS.text)
    problems.text = { key: 'requests.intake.textTooLong', values: { max: INTAKE_LIMITS.text } };
  if (!values.category || !context.categories.includes(values.category))
    problems.category = { key: 'requests.intake.categoryRequired' };
  const area = context.areas.find((a) => a.name === values.area);
  if (!area) problems.area = { key: 'requests.intake.areaRequired' };
  if (values.community && (!area || !area.communities.includes(values.community)))
    problems.community = { key: 'requests.intake.communityWrong' };
  if (values.gridCell.trim().length > INTAKE_LIMITS.grid)
    problems.gridCell = { key: 'requests.intake.gridTooLong', values: { max: INTAKE_LIMITS.grid } };
  const address = values.address.trim();
  if (!address) problems.address = { key: 'requests.intake.addressRequired' };
  else if (address.length > INTAKE_LIMITS.address)
    problems.address = { key: 'requests.intake.addressTooLong', values: { max: INTAKE_LIMITS.address } };
  if (values.name.trim().length > INTAKE_LIMITS.name)
    problems.name = { key: 'requests.intake.nameTooLong', values: { max: INTAKE_LIMITS.name } };
  const phone = values.phone.trim();
  if (phone && !PHONE.test(phone)) problems.phone = { key: 'requests.intake.phoneWrong' };
  const email = values.email.trim();
  if (email && !EMAIL.test(email)) problems.email = { key: 'requests.intake.emailWrong' };
  if (values.files.length > INTAKE_LIMITS.media)
    problems.files = { key: 'requests.intake.mediaTooMany', values: { max: INTAKE_LIMITS.media } };
  else {
    const wrongType = values.files.find((f) => !(MEDIA_TYPES as readonly string[]).includes(f.type));
    const tooBig = values.files.find((f) => f.size > INTAKE_LIMITS.mediaBytes);
    if (wrongType) problems.files = { key: 'requests.intake.mediaType', values: { name: wrongType.name } };
    else if (tooBig) problems.files = { key: 'requests.intake.mediaSize', values: { name: tooBig.name } };
  }
  return problems;
}

/** The intake body for valid values (media refs come from the upload, added by the caller). */
export function toIntake(values: IntakeValues, media: OrderIntakeBody['media'] = []): OrderIntakeBody {
  const contact: NonNullable<OrderIntakeBody['contact']> = {};
  if (values.name.trim()) contact.name = values.name.trim();
  if (values.phone.trim()) contact.phone = values.phone.trim();
  if (values.email.trim()) contact.email = values.email.trim();
  const location: OrderIntakeBody['location'] = { address: values.address.trim(), area: values.area ?? '' };
  if (values.community) location.community = values.community;
  if (values.gridCell.trim()) location.gridCell = values.gridCell.trim();
  return {
    source: values.source,
    text: values.text.trim(),
    category: values.category ?? '',
    location,
    ...(media.length > 0 ? { media } : {}),
    contact: Object.keys(contact).length > 0 ? contact : null,
    privacy: { anonymousToPublic: values.anonymousToPublic, anonymousToUnit: values.anonymousToUnit },
  };
}
