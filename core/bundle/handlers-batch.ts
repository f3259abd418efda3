import type { HandlersFor } from '../contract/handler-types.ts';
import type { bundleContract } from './contract.ts';
import { prepareImport, type HeldCandidate, type PreparedImport } from './import-one.ts';

// A county receives 150 community bundles at a time. Imported one by one, each is its own
// transaction with its own fsync (about 5.5 ms each on a quiet disk, far more on a busy one).
// Here every file is checked (decrypted, signatures, scope) before the transaction, as one
// import does, and then all are merged in one transaction: a bundle is still all or nothing
// (a rejected one writes only its import log row, as alone), and an unexpected error rolls the
// whole batch back, so the caller can retry the files one by one and get each file's own error.

export const batchHandlers: HandlersFor<Pick<typeof bundleContract, 'bundle.importMany'>> = {
  'bundle.importMany': {
    async prepare(ctx, input) {
      const taken: PreparedImport[] = [];
      for (const f of input.files) {
        // The whole file entry, size included: a file the reader left unread (an empty file and
        // its size, limits.ts refuseUnread) is refused by that size, as bundle.import does.
        const one = await prepareImport(ctx, f);
        taken.push(one);
        if (one.rotates) break;
      }
      return (tx) => {
        const heldHere: HeldCandidate[] = [];
        const results = taken.map((one) => {
          const r = one.apply(tx, heldHere);
          if (r.outcome === 'GAP' && one.candidate) heldHere.push(one.candidate);
          return r;
        });
        tx.audit({
          entity: 'bundle_import', entityId: null,
          after: { files: results.map((r, i) => ({ ...r, report: undefined, bundleId: taken[i]!.bundleId })) },
        });
        return { results };
      };
    },
  },
};
