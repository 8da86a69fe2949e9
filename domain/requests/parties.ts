import { notFound } from '../errors';
import type { StaffDirectory } from '../ports';
import type { StaffMember } from '../staff';
import type { SupportRequest } from './support-request';

export interface RequestParties {
  readonly requester: StaffMember;
  readonly dea: StaffMember;
}

/** The requester and the DEA of a request, from the directory. */
export async function partiesOf(directory: StaffDirectory, request: SupportRequest): Promise<RequestParties> {
  const [requester, dea] = await Promise.all([directory.findById(request.requesterId), directory.findById(request.deaId)]);
  if (!requester || !dea) throw notFound('Someone on this request is no longer in the staff directory.');
  return { requester, dea };
}
