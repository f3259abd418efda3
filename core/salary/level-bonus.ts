import { AppError, validationError } from '../contract/errors.ts';
import type { HandlersFor } from '../contract/handler-types.ts';
import { loadPersonRow } from '../roster/records.ts';
import type { salaryGradingContract } from './grading-contract.ts';
import { appendLevel } from './level-handlers.ts';
import { versionInEffect } from './effective.ts';
import { historyRows, loadSchemes, schemeNameMap, schemeOn, toLevelEntry } from './store.ts';
import { BONUS_PREFIX } from './promotion.ts';

// A one-time level bonus (市级以上表彰、劳模, issue 15): the scheme in effect on the date lists
// the reasons and how many levels each gives. The bonus is appended to the level history
// from its date, capped by the top of the person's post band. Confirmed months keep their
// frozen figures; a date before a confirmed month becomes 补发 there (corrections.ts).
// The scheme stores no "once per year" rule, so a bonus is given once per reason and date.

type BonusOps = Pick<typeof salaryGradingContract, 'salary.applyLevelBonus' | 'salary.levelBonuses'>;

export const levelBonusHandlers: HandlersFor<BonusOps> = {
  'salary.levelBonuses': (ctx, input) => {
    const scheme = versionInEffect(loadSchemes(ctx), input.effectiveDate);
    return { schemeId: scheme?.id ?? null, schemeName: scheme?.name ?? null, bonuses: scheme?.config.levelBonuses ?? [] };
  },

  'salary.applyLevelBonus': (tx, input) => {
    const { row } = loadPersonRow(tx, input.personId);
    const date = input.effectiveDate;
    const scheme = schemeOn(tx, date, 'effectiveDate', '生效日期');
    const bonuses = scheme.config.levelBonuses;
    const bonus = bonuses.find((b) => b.reason === input.reason);
    if (!bonus) {
      const message = bonuses.length
        ? `「加级事由」“${input.reason}”不在方案“${scheme.name}”的一次性加级中（可选：${bonuses.map((b) => b.reason).join('、')}）`
        : `「加级事由」方案“${scheme.name}”未规定一次性加级`;
      throw validationError([{ path: 'reason', message }]);
    }
    const history = historyRows(tx, [row.id]);
    const current = history.filter((h) => h.effectiveDate <= date).at(-1);
    if (!current)
      throw validationError([{ path: 'personId', message: `「人员」“${row.name}”在 ${date} 尚未定级，不能办理一次性加级；请先办理初次定级` }]);
    // A later record states an absolute level and would silently undo the bonus from its date on.
    const later = history.filter((h) => h.effectiveDate > date);
    if (later.length)
      throw new AppError('conflict', `“${row.name}”在 ${date} 之后已有薪级记录（${later.map((h) => `${h.effectiveDate} ${h.reason}`).join('、')}），一次性加级会被其覆盖；请以最后一条记录之后的日期办理`);
    const reason = BONUS_PREFIX + bonus.reason;
    if (history.some((h) => h.reason === reason && h.effectiveDate === date))
      throw new AppError('conflict', `“${row.name}”已于 ${date} 办理过“${bonus.reason}”一次性加级，不能重复办理`);
    const post = scheme.config.posts.find((p) => p.name === current.post);
    if (!post) throw validationError([{ path: 'effectiveDate', message: `「生效日期」${date} 生效的方案“${scheme.name}”中没有岗位“${current.post}”，请先办理岗位变动` }]);
    if (current.level >= post.maxLevel)
      throw validationError([{ path: 'reason', message: `「加级事由」“${row.name}”已是岗位“${post.name}”最高级 ${post.maxLevel} 级，不能再加级` }]);
    const level = Math.min(current.level + bonus.levels, post.maxLevel);
    const capped = level < current.level + bonus.levels;
    const message = capped
      ? `${bonus.reason}：应加 ${bonus.levels} 级，按岗位“${post.name}”最高级 ${post.maxLevel} 级封顶，实加 ${level - current.level} 级（${current.level} 级→${level} 级）`
      : `${bonus.reason}：加 ${bonus.levels} 级（${current.level} 级→${level} 级）`;
    const id = appendLevel(tx, {
      personId: row.id, orgId: row.orgId, schemeId: scheme.id, post: post.name, level, effectiveDate: date, reason,
      approver: input.approver ?? tx.actor.name, note: input.note ? `${message}；${input.note}` : message,
    });
    const entry = toLevelEntry(historyRows(tx, [row.id]).find((h) => h.id === id)!, schemeNameMap(tx));
    tx.audit({ entity: 'salary_level', entityId: id, before: { post: current.post, level: current.level }, after: entry });
    return { ...entry, fromLevel: current.level, capped, message };
  },
};
