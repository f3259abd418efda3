import type { OrderStatus, OrderStep } from '../codes.ts';

// The order loop 点单 → 建单 → 派单 → 接单 → 办理 → 评单 → 销号 as data: which statuses a step
// may start from and where it leads. Everything else is refused with a reason in Chinese.

interface Transition {
  from: readonly OrderStatus[];
  to: OrderStatus;
}

export const TRANSITIONS: Record<Exclude<OrderStep, '点单'>, Transition> = {
  建单: { from: ['已登记'], to: '已建单' },
  // Re-dispatching before anyone took the order is allowed (wrong team picked).
  派单: { from: ['已建单', '已派单'], to: '已派单' },
  接单: { from: ['已派单'], to: '已接单' },
  // A 不满意 rating sends the order back for handling once more (返办).
  办理: { from: ['已接单', '已评单'], to: '已办理' },
  评单: { from: ['已办理'], to: '已评单' },
  销号: { from: ['已评单'], to: '已销号' },
};

const RANK: Record<OrderStatus, number> = { 已登记: 0, 已建单: 1, 已派单: 2, 已接单: 3, 已办理: 4, 已评单: 5, 已销号: 6 };

export interface OrderState {
  status: OrderStatus;
  takenBy: string | null;
  rating: string | null;
  feedback: string | null;
}

/** Why `step` may not be taken now, or null when it may. */
export function refusal(o: OrderState, step: Exclude<OrderStep, '点单'>): string | null {
  if (o.status === '已销号') return '该工单已销号，不能再办理任何步骤';
  const t = TRANSITIONS[step];
  if (step === '办理' && o.status === '已评单' && o.rating !== '不满意') return '群众评价为满意或基本满意，无需返办；请直接销号';
  if (t.from.includes(o.status)) return null;
  switch (step) {
    case '建单':
      return '该工单已建单，不能重复建单';
    case '派单':
      return o.status === '已登记' ? '请先建单再派单' : `该工单已由“${o.takenBy ?? ''}”接单，不能再改派`;
    case '接单':
      return RANK[o.status] < RANK['已派单'] ? '工单尚未派单，不能接单' : `该工单已由“${o.takenBy ?? ''}”接单，不能重复接单`;
    case '办理':
      return RANK[o.status] < RANK['已接单'] ? '工单尚未接单，不能办理' : '该工单已办理反馈，等待评单';
    case '评单':
      return RANK[o.status] < RANK['已办理'] ? '工单尚未办理反馈，不能评单' : '该工单已评单，不能重复评单';
    case '销号':
      return RANK[o.status] < RANK['已办理'] ? '工单尚未办理反馈，不能销号' : '工单尚未评单（群众评价），不能销号';
  }
}

/** Open (not closed) and past its time limit; a closed order is overdue if closed after it. */
export function orderOverdue(dueDate: string | null, closedOn: string | null, today: string): boolean {
  if (!dueDate) return false;
  return closedOn ? closedOn > dueDate : today > dueDate;
}
