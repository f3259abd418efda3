import { useEffect, useState } from 'react';
import { call } from '../../api/client.ts';

export interface ImportProgress {
  stage: string;
  parsed: number;
  validated: number;
  written: number;
  total: number;
}

/** Polls `roster.importProgress` while `jobId` is set; the parse yields, so the polls are answered. */
export function useImportProgress(jobId: string | null): ImportProgress | null {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  useEffect(() => {
    if (!jobId) {
      setProgress(null);
      return;
    }
    let live = true;
    const timer = setInterval(() => {
      call('roster.importProgress', { jobId })
        .then((p) => live && setProgress(p))
        .catch(() => {});
    }, 400);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [jobId]);
  return progress;
}

const STAGES: Record<string, string> = {
  reading: '正在读取文件', parsing: '正在解析', validating: '正在校验', writing: '正在写入', done: '已完成', failed: '未完成',
};

export function progressText(p: ImportProgress | null, fallback: string): string {
  if (!p || p.stage === 'unknown') return fallback;
  return `${STAGES[p.stage] ?? p.stage}：已解析 ${p.parsed} 行，已校验 ${p.validated} 行，已写入 ${p.written} 行`;
}
