import { z } from 'zod';
import { partialShape } from '../../contract/partial.ts';
import { mutation, query } from '../../contract/op.ts';
import { isoDate, oneOf, optionalIsoDate, optionalText, requiredText } from '../../contract/fields.ts';
import { ref, target } from '../../guard/refs.ts';
import { choiceList, count, idList, quarter, removed, removeInput, SERVICE_CATEGORIES } from '../coop/fields.ts';

const common = { id: z.string(), orgId: z.string(), orgName: z.string(), updatedAt: z.string() };
const orgFilter = z.object({ orgId: ref('org_units', '组织').nullish() }).default({});

const gridFields = {
  orgId: ref('org_units', '社区'),
  name: requiredText('网格名称', 50),
  households: count('户数'),
  leaderPersonId: ref('people', '网格长').nullish().transform((v) => v ?? null),
  workerPersonIds: idList('people', '网格员', 50),
  remarks: optionalText('备注', 500),
};
export const gridInput = z.object(gridFields);
export const gridRecord = z.object({
  ...common,
  name: z.string(), households: z.number().int(), leaderPersonId: z.string().nullable(), leaderName: z.string().nullable(),
  workerPersonIds: z.array(z.string()), workerNames: z.array(z.string()), remarks: z.string().nullable(),
  registered: z.number().int(),
});

export const REGISTRATION_KINDS = ['在职党员', '机关单位'] as const;
const registrationFields = {
  orgId: ref('org_units', '报到社区'),
  kind: oneOf('报到类型', REGISTRATION_KINDS),
  name: requiredText('姓名/单位名称', 100),
  workUnit: requiredText('工作单位/上级党组织', 100),
  phone: optionalText('联系电话', 30),
  specialty: optionalText('个人专长', 200),
  categories: choiceList('服务类别', SERVICE_CATEGORIES),
  gridId: ref('grid_areas', '所在网格').nullish().transform((v) => v ?? null),
  registeredDate: isoDate('报到日期'),
  receiptDate: optionalIsoDate('回执日期'),
  leftDate: optionalIsoDate('退出日期'),
};
export const registrationInput = z.object(registrationFields);
export const registrationRecord = z.object({
  ...common,
  kind: z.enum(REGISTRATION_KINDS), name: z.string(), workUnit: z.string(), phone: z.string().nullable(), specialty: z.string().nullable(),
  categories: z.array(z.string()), gridId: z.string().nullable(), gridName: z.string().nullable(),
  registeredDate: z.string(), receiptDate: z.string().nullable(), leftDate: z.string().nullable(),
  services: z.number().int(),
  /** Ended quarters since registration without feedback sent to the member's unit. */
  feedbackMissing: z.array(z.string()),
});

// Service lines and feedback add to the registration's card: only where it is kept.
const serviceFields = {
  registrationId: target('grid_registrations', '双报到登记'),
  date: isoDate('服务日期'),
  category: oneOf('服务类别', SERVICE_CATEGORIES),
  content: requiredText('服务内容', 1000),
};
export const serviceRecord = z.object({ ...common, registrationId: z.string(), date: z.string(), category: z.string(), content: z.string() });
const feedbackFields = {
  registrationId: target('grid_registrations', '双报到登记'),
  quarter: quarter('季度'),
  sentDate: isoDate('反馈日期'),
  summary: requiredText('反馈内容', 2000),
};
export const feedbackRecord = z.object({ ...common, registrationId: z.string(), quarter: z.string(), sentDate: z.string(), summary: z.string() });

export type GridRecord = z.infer<typeof gridRecord>;
export type RegistrationRecord = z.infer<typeof registrationRecord>;

export const gridContract = {
  'ledger.grid.areas.list': query('网格列表', orgFilter, z.object({ rows: z.array(gridRecord) })),
  'ledger.grid.areas.create': mutation('划分网格（网格长、网格员取自花名册，户数只记数量）', gridInput, gridRecord),
  'ledger.grid.areas.update': mutation('修改网格', z.object(partialShape(gridInput.shape)).extend({ id: target('grid_areas', '网格') }), gridRecord),
  'ledger.grid.areas.remove': mutation('删除网格（留痕；有报到人员时不能删除）', removeInput('grid_areas', '网格'), removed),
  'ledger.grid.registrations.list': query('双报到登记列表（报到单、回执、服务记录、季度反馈）', orgFilter, z.object({ rows: z.array(registrationRecord) })),
  'ledger.grid.registrations.create': mutation('登记双报到（报到单）', registrationInput, registrationRecord),
  'ledger.grid.registrations.update': mutation('修改双报到登记（回执、网格、退出）', z.object(partialShape(registrationInput.shape)).extend({ id: target('grid_registrations', '双报到登记') }), registrationRecord),
  'ledger.grid.registrations.remove': mutation('删除双报到登记（留痕）', removeInput('grid_registrations', '双报到登记'), removed),
  'ledger.grid.services.list': query(
    '服务记录卡：服务记录与季度反馈',
    z.object({ registrationId: ref('grid_registrations', '双报到登记') }),
    z.object({ services: z.array(serviceRecord), feedback: z.array(feedbackRecord) }),
  ),
  'ledger.grid.services.create': mutation('记一条服务记录', z.object(serviceFields), serviceRecord),
  'ledger.grid.feedback.create': mutation('季度反馈服务记录卡到党员所在单位', z.object(feedbackFields), feedbackRecord),
};
