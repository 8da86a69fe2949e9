import { HcpActivity1764500000000 } from '../../data/migrations/1764500000000-HcpActivity';
import { hcpActivitySchema, hcpAttendanceSchema, hcpNoticeSchema, hcpWeeklyNoteSchema, supplierRequestSchema } from '../../data/schema/hcp-activity';
import type { Journey } from '../core/journey';

/** HCPs' supporting activity, attendance and weekly note, and the activity manager's view of them. */
export const hcpActivityJourney: Journey = {
  name: 'hcp activity',
  capabilities: [],
  entities: [hcpActivitySchema, hcpWeeklyNoteSchema, hcpAttendanceSchema, supplierRequestSchema, hcpNoticeSchema],
  migrations: [HcpActivity1764500000000],
  build: () => ({}),
};
