import { z } from 'zod';
import { partialShape } from '../../contract/partial.ts';
import { mutation, query } from '../../contract/op.ts';
import { isoDate, oneOf, optionalIsoDate, optionalText, requiredText } from '../../contract/fields.ts';
import { area, count, FOLLOW_UP_STATUSES, idList, quarter, removed, removeInput, textList, UNIT_KINDS } from './fields.ts';
import { ref, target } from '../../guard/refs.ts';
import { coopViewsContract } from './contract-views.ts';

const common = { id: z.string(), orgId: z.string(), orgName: z.string(), updatedAt: z.string() };
const orgFilter = z.object({ orgId: ref('org_units', '组织').nullish() }).default({});

const unitFields = {
  orgId: ref('org_units', '组织'),
  name: requiredText('单位名称', 100),
  kind: oneOf('单位类别', UNIT_KINDS),
  partyOrg: optionalText('单位党组织', 100),
  contactName: optionalText('联络员', 30),
  contactPhone: optionalText('联络员电话', 30),
  spaceM2: area('共享阵地面积（平方米）').default(0),
  squares: count('共享广场（个）').default(0),
  facilities: count('共享设施（件）').default(0),
  remarks: optionalText('备注', 500),
};
export const unitInput = z.object(unitFields);
export const unitRecord = z.object({
  ...common,
  name: z.string(), kind: z.string(), partyOrg: z.string().nullable(), contactName: z.string().nullable(), contactPhone: z.string().nullable(),
  spaceM2: z.number(), squares: z.number().int(), facilities: z.number().int(), remarks: z.string().nullable(),
  agreementsInForce: z.number().int(),
});

const agreementFields = {
  orgId: ref('org_units', '组织'),
  unitId: ref('coop_units', '共建单位'),
  title: requiredText('协议名称', 100),
  signedDate: isoDate('签订日期'),
  startDate: isoDate('开始日期'),
  endDate: isoDate('终止日期'),
  clauses: optionalText('协议条款', 4000),
  contactName: optionalText('联络员', 30),
  remarks: optionalText('备注', 500),
};
export const agreementInput = z.object(agreementFields);
export const agreementRecord = z.object({
  ...common,
  unitId: z.string(), unitName: z.string(), title: z.string(), signedDate: z.string(), startDate: z.string(), endDate: z.string(),
  clauses: z.string().nullable(), contactName: z.string().nullable(), remarks: z.string().nullable(),
  inForce: z.boolean(),
  reportedQuarters: z.array(z.string()),
  /** Quarters of the term whose written report is past due and missing. */
  overdueQuarters: z.array(z.string()),
  overdue: z.boolean(),
});

const reportFields = {
  // A report adds to the agreement's ledger: only where the agreement is kept (not received).
  agreementId: target('coop_agreements', '共建协议'),
  quarter: quarter('季度'),
  submittedDate: isoDate('报送日期'),
  content: requiredText('书面报告内容', 4000),
};
export const reportRecord = z.object({ ...common, agreementId: z.string(), quarter: z.string(), submittedDate: z.string(), content: z.string() });

const topic = z.object({ title: requiredText('议题', 200), submittedDate: optionalIsoDate('议题提交日期') });
const followUp = z.object({ item: requiredText('上次会议事项', 200), status: oneOf('办理情况', FOLLOW_UP_STATUSES), note: optionalText('办理说明', 500) });
const meetingFields = {
  orgId: ref('org_units', '组织'),
  date: isoDate('会议日期'),
  hostUnitId: ref('coop_units', '轮值主席单位').nullish().transform((v) => v ?? null),
  chairName: optionalText('轮值主席', 30),
  attendees: textList('参会人员', 50, 300),
  topics: z.array(topic, { error: '「议题」应为列表' }).max(50, { error: '「议题」最多 50 项' }).default([]),
  minutes: optionalText('会议纪要', 8000),
  previousMeetingId: ref('coop_meetings', '上次会议').nullish().transform((v) => v ?? null),
  followUps: z.array(followUp, { error: '「上次会议事项办理情况」应为列表' }).max(100).default([]),
};
export const meetingInput = z.object(meetingFields);
export const meetingRecord = z.object({
  ...common,
  date: z.string(), quarter: z.string(), hostUnitId: z.string().nullable(), hostUnitName: z.string().nullable(), chairName: z.string().nullable(),
  attendees: z.array(z.string()), topics: z.array(z.object({ title: z.string(), submittedDate: z.string().nullable() })),
  minutes: z.string().nullable(), previousMeetingId: z.string().nullable(),
  followUps: z.array(z.object({ item: z.string(), status: z.string(), note: z.string().nullable() })),
  /** Warnings that do not refuse the record (late 议题, a second host in one quarter). */
  warnings: z.array(z.string()),
});

const activityFields = {
  orgId: ref('org_units', '组织'),
  date: isoDate('活动日期'),
  title: requiredText('活动名称', 100),
  unitIds: idList('coop_units', '参与共建单位'),
  teamIds: idList('coop_teams', '参与志愿服务队'),
  participants: count('参与人数'),
  problemsSolved: count('解决问题数').default(0),
  orderRefs: textList('关联工单编号', 64, 100),
  content: optionalText('活动内容', 4000),
};
export const activityInput = z.object(activityFields);
export const activityRecord = z.object({
  ...common,
  date: z.string(), title: z.string(), unitIds: z.array(z.string()), unitNames: z.array(z.string()), teamIds: z.array(z.string()), teamNames: z.array(z.string()),
  participants: z.number().int(), problemsSolved: z.number().int(), orderRefs: z.array(z.string()), content: z.string().nullable(),
});

export const teamMember = z.object({
  source: oneOf('队员来源', ['花名册', '双报到', '手工'] as const),
  personId: ref('people', '花名册队员').nullish().transform((v) => v ?? null),
  registrationId: ref('grid_registrations', '双报到队员').nullish().transform((v) => v ?? null),
  name: optionalText('队员姓名', 30),
});
const teamFields = {
  orgId: ref('org_units', '组织'),
  name: requiredText('服务队名称', 100),
  categories: textList('服务类别', 30, 20),
  members: z.array(teamMember, { error: '「队员」应为列表' }).max(500, { error: '「队员」最多 500 人' }).default([]),
  remarks: optionalText('备注', 500),
};
export const teamInput = z.object(teamFields);
export const teamRecord = z.object({
  ...common,
  name: z.string(), categories: z.array(z.string()),
  members: z.array(z.object({ source: z.string(), refId: z.string().nullable(), name: z.string() })),
  remarks: z.string().nullable(),
});

export type UnitRecord = z.infer<typeof unitRecord>;
export type AgreementRecord = z.infer<typeof agreementRecord>;
export type MeetingRecord = z.infer<typeof meetingRecord>;
export type ActivityRecord = z.infer<typeof activityRecord>;
export type TeamRecord = z.infer<typeof teamRecord>;

export const coopContract = {
  'ledger.coop.units.list': query('共建单位列表（含下级组织）', orgFilter, z.object({ rows: z.array(unitRecord) })),
  'ledger.coop.units.create': mutation('登记共建单位/驻区单位', unitInput, unitRecord),
  'ledger.coop.units.update': mutation('修改共建单位', z.object(partialShape(unitInput.shape)).extend({ id: target('coop_units', '共建单位') }), unitRecord),
  'ledger.coop.units.remove': mutation('删除共建单位（留痕；有协议时不能删除）', removeInput('coop_units', '共建单位'), removed),
  'ledger.coop.agreements.list': query('共建协议列表：在有效期内与否、季度书面报告是否逾期', orgFilter, z.object({ rows: z.array(agreementRecord) })),
  'ledger.coop.agreements.create': mutation('签订共建协议', agreementInput, agreementRecord),
  'ledger.coop.agreements.update': mutation('修改共建协议', z.object(partialShape(agreementInput.shape)).extend({ id: target('coop_agreements', '共建协议') }), agreementRecord),
  'ledger.coop.agreements.remove': mutation('删除共建协议（留痕）', removeInput('coop_agreements', '共建协议'), removed),
  'ledger.coop.reports.list': query('某协议的季度书面报告', z.object({ agreementId: ref('coop_agreements', '共建协议') }), z.object({ rows: z.array(reportRecord) })),
  'ledger.coop.reports.create': mutation('报送共建协议的季度书面报告', z.object(reportFields), reportRecord),
  'ledger.coop.meetings.list': query('联席会议列表', orgFilter, z.object({ rows: z.array(meetingRecord) })),
  'ledger.coop.meetings.create': mutation('记录联席会议（轮值主席、议题、纪要、上次事项办理情况）', meetingInput, meetingRecord),
  'ledger.coop.meetings.update': mutation('修改联席会议记录', z.object(partialShape(meetingInput.shape)).extend({ id: target('coop_meetings', '联席会议') }), meetingRecord),
  'ledger.coop.meetings.remove': mutation('删除联席会议记录（留痕）', removeInput('coop_meetings', '联席会议'), removed),
  'ledger.coop.activities.list': query('共建活动列表', orgFilter, z.object({ rows: z.array(activityRecord) })),
  'ledger.coop.activities.create': mutation('记录共建活动', activityInput, activityRecord),
  'ledger.coop.activities.update': mutation('修改共建活动', z.object(partialShape(activityInput.shape)).extend({ id: target('coop_activities', '共建活动') }), activityRecord),
  'ledger.coop.activities.remove': mutation('删除共建活动（留痕）', removeInput('coop_activities', '共建活动'), removed),
  'ledger.coop.teams.list': query('党员志愿服务队列表', orgFilter, z.object({ rows: z.array(teamRecord) })),
  'ledger.coop.teams.create': mutation('组建志愿服务队', teamInput, teamRecord),
  'ledger.coop.teams.update': mutation('修改志愿服务队', z.object(partialShape(teamInput.shape)).extend({ id: target('coop_teams', '志愿服务队') }), teamRecord),
  'ledger.coop.teams.remove': mutation('删除志愿服务队（留痕）', removeInput('coop_teams', '志愿服务队'), removed),
  ...coopViewsContract,
};
