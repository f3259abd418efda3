import type { HandlersFor } from '../contract/handler-types.ts';
import type { trainingContract } from './contract.ts';
import { attendanceHandlers } from './attendance.ts';
import { classHandlers } from './classes.ts';
import { configHandlers } from './config.ts';
import { exportBelowRequirement } from './export.ts';
import { personHistory } from './history.ts';
import { belowRequirement, hoursByPerson } from './hours.ts';
import { hoursPage } from './hours-page.ts';
import { seriesHandlers } from './series.ts';
import { signinImport } from './signin-import.ts';

export const trainingHandlers: HandlersFor<typeof trainingContract> = {
  ...classHandlers,
  ...seriesHandlers,
  ...attendanceHandlers,
  ...configHandlers,
  'training.hoursByPerson': (ctx, input) => hoursByPerson(ctx, input),
  'training.belowRequirement': (ctx, input) => belowRequirement(ctx, input),
  'training.hoursPage': (ctx, input) => hoursPage(ctx, input),
  'training.belowRequirement.export': (ctx, input) => exportBelowRequirement(ctx, input),
  'training.personHistory': (ctx, input) => personHistory(ctx, input.personId),
  'training.signin.import': signinImport,
};
