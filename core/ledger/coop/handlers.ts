import type { HandlersFor } from '../../contract/handler-types.ts';
import { gridContract } from '../grid/contract.ts';
import { areaHandlers } from '../grid/areas.ts';
import { registrationHandlers } from '../grid/registrations.ts';
import { activityHandlers } from './activities.ts';
import { agreementHandlers } from './agreements.ts';
import type { coopContract } from './contract.ts';
import { meetingHandlers } from './meetings.ts';
import { teamHandlers } from './teams.ts';
import { unitHandlers } from './units.ts';
import { coopViewHandlers } from './views.ts';

export const coopHandlers: HandlersFor<typeof coopContract & typeof gridContract> = {
  ...unitHandlers,
  ...agreementHandlers,
  ...meetingHandlers,
  ...activityHandlers,
  ...teamHandlers,
  ...coopViewHandlers,
  ...areaHandlers,
  ...registrationHandlers,
};
