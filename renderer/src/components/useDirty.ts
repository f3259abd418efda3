import { useCallback, useEffect, useRef, useState } from 'react';

// One registry of editors holding unsaved work. Every way of leaving an editor (tab, page,
// Escape, close, logout, window close) goes through leave()/leaveAll(), which asks
// 保存 / 放弃 / 取消 through the LeaveConfirm host, so nothing typed is lost without a word.

export interface DirtyEditor {
  /** What the user would lose, e.g. "打分（3 处修改）". */
  label: string;
  /** Saves; resolves false when the save was refused (the editor then stays open). */
  save: () => Promise<boolean>;
  /** Forgets the changes when the editor stays mounted after 放弃. */
  discard?: () => void;
}

export type LeaveChoice = 'save' | 'discard' | 'cancel';
type Asker = (labels: string[]) => Promise<LeaveChoice>;

const editors = new Map<number, { current: DirtyEditor }>();
let nextKey = 1;
let asker: Asker | null = null;
let asking = false;

/** Set by the LeaveConfirm host; without one (tests, first run) leaving is never blocked. */
export function setLeaveAsker(a: Asker | null): void {
  asker = a;
}

/** True while the 保存/放弃/取消 question is open: other Escape handlers must stand aside. */
export function isAsking(): boolean {
  return asking;
}

export function hasDirtyEditors(): boolean {
  return editors.size > 0;
}

/** What the open editors would lose, for a leave that cannot offer 保存 (the lock screen). */
export function dirtyLabels(): string[] {
  return [...editors.values()].map((e) => e.current.label);
}

async function resolve(list: { current: DirtyEditor }[]): Promise<boolean> {
  if (!list.length || !asker) return true;
  if (asking) return false;
  asking = true;
  let choice: LeaveChoice;
  try {
    choice = await asker(list.map((e) => e.current.label));
  } finally {
    asking = false;
  }
  if (choice === 'cancel') return false;
  if (choice === 'discard') {
    for (const e of list) e.current.discard?.();
    return true;
  }
  for (const e of list) if (!(await e.current.save())) return false;
  return true;
}

/** Before leaving a page, logging out or switching a tab that holds editors: true = go on. */
export function leaveAll(): Promise<boolean> {
  return resolve([...editors.values()]);
}

/**
 * Registers an editor while it holds `changes` unsaved edits (0 or false = clean).
 * Returns leave(): asks about this editor only (for Escape, × and 取消 of a dialog).
 */
export function useDirty(changes: number | boolean, editor: DirtyEditor): { leave: () => Promise<boolean> } {
  const ref = useRef(editor);
  ref.current = editor;
  const dirty = typeof changes === 'number' ? changes > 0 : changes;
  useEffect(() => {
    if (!dirty) return;
    const key = nextKey++;
    editors.set(key, ref);
    return () => void editors.delete(key);
  }, [dirty]);
  const leave = useCallback(() => (dirty ? resolve([ref]) : Promise.resolve(true)), [dirty]);
  return { leave };
}

/** "已保存 3 处" shown in place after a save, until the next edit. */
export function useSavedNote(): [string | null, (count?: number) => void, () => void] {
  const [note, setNote] = useState<string | null>(null);
  const mark = useCallback((count?: number) => setNote(count ? `已保存 ${count} 处` : '已保存'), []);
  const clear = useCallback(() => setNote(null), []);
  return [note, mark, clear];
}

/** Counts the fields whose value differs from the value the editor started with. */
export function countChanges<T extends object>(initial: T, current: T): number {
  let n = 0;
  for (const k of Object.keys(current) as (keyof T)[]) if (JSON.stringify(initial[k]) !== JSON.stringify(current[k])) n++;
  return n;
}
