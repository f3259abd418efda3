// Code lists of the 台账 module, in one place so the contract, the rules and the UI agree.

export const ITEM_KINDS = ['工作动态', '需求', '资源', '问题', '整改'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ORDER_SOURCES = ['网格员', '热线', '走访', '其他'] as const;
export const ASSIGNEE_KINDS = ['志愿服务队', '党员', '共建单位'] as const;
export const RATINGS = ['满意', '基本满意', '不满意'] as const;
export const ORDER_STATUSES = ['已登记', '已建单', '已派单', '已接单', '已办理', '已评单', '已销号'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const ORDER_STEPS = ['点单', '建单', '派单', '接单', '办理', '评单', '销号'] as const;
export type OrderStep = (typeof ORDER_STEPS)[number];

// 五色督办 (domain-2 §4.4): the source fixes red below 30 % and blue for done and accepted;
// the middle bands are our reading [UNCONFIRMED], kept here as data so they can change.
export const COLOURS = ['红', '橙', '黄', '绿', '蓝'] as const;
export type Colour = (typeof COLOURS)[number];
export const COLOUR_BANDS: readonly { colour: Exclude<Colour, '蓝'>; below: number }[] = [
  { colour: '红', below: 30 },
  { colour: '橙', below: 60 },
  { colour: '黄', below: 90 },
  { colour: '绿', below: 101 },
];

// Evidence limits: files live in the database and ride in bundles on a USB stick.
export const ATTACHMENT_FILE_LIMIT = 2 * 1024 * 1024;
export const ATTACHMENT_OWNER_LIMIT = 10 * 1024 * 1024;
export const ATTACHMENT_MIMES = ['image/jpeg', 'image/png', 'application/pdf', 'text/plain'] as const;
