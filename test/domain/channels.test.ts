import { channelRefusal, channelsFor, CHANNELS, isTeamLeaderIntervention, lmsRecorderOf, type ChannelFacts } from '../../domain/requests/channels';

const claimant = { surname: 'Smith', nino: 'AB123456C', benefits: ['UC' as const] };
const coachAsks: ChannelFacts = { type: 'claimant_support', claimant, requestedChannel: null, parentRequestId: null, claimantCoachId: null };
const colleagueAsks: ChannelFacts = { type: 'colleague_support', claimant: null, requestedChannel: null, parentRequestId: null, claimantCoachId: null };
const leaderNamesCoach: ChannelFacts = { ...coachAsks, requestedChannel: 'claimant_support_intervention', claimantCoachId: 'coach-1' };
// A team leader with no work coach to name in the directory.
const leaderNamesNobody: ChannelFacts = { ...coachAsks, requestedChannel: 'claimant_support_intervention' };
// An outcome's follow-up left to the DEA's discretion: the claimant's work coach's own request.
const followUp: ChannelFacts = { ...coachAsks, requestedChannel: 'claimant_support_intervention', parentRequestId: 'req-1' };

describe('channelsFor (seed §13, §39)', () => {
  it('offers a work coach every channel for a claimant, and none that needs one without', () => {
    expect(channelsFor(coachAsks)).toEqual([...CHANNELS]);
    expect(channelsFor(followUp)).toEqual([...CHANNELS]);
    expect(channelsFor({ ...coachAsks, type: 'skill_support', claimant: null })).toEqual(['skill_conference', 'informational_support', 'group_conference']);
  });

  it("offers a jobcentre colleague's request one to one support or information only (seed §65): they have no group conference", () => {
    expect(channelsFor(colleagueAsks)).toEqual(['skill_conference', 'informational_support']);
    expect(channelRefusal(colleagueAsks, 'group_conference')).toEqual({
      message: "Group work coach conference does not fit a colleague's request: the DEA gives them one to one support, or the information they asked for.",
      field: "For a colleague's request, choose one to one support with the DEA (skill conference) or informational support.",
    });
    expect(channelRefusal(colleagueAsks, 'skill_conference')).toBeNull();
  });

  it.each([['naming the claimant’s work coach', leaderNamesCoach], ['naming nobody', leaderNamesNobody]])("offers a team leader's request, %s, only what the DEA does without them", (_, request) => {
    expect(isTeamLeaderIntervention(request)).toBe(true);
    expect(channelsFor(request)).toEqual(['informational_support', 'group_conference', 'claimant_support_intervention']);
  });

  it('refuses any other channel with why, and a field message that says what to choose', () => {
    for (const channel of ['case_conference', 'skill_conference', 'three_way_intervention'] as const) {
      expect(channelRefusal(leaderNamesCoach, channel)).toEqual({
        message: expect.stringContaining("does not fit a team leader's request"),
        field: "For a team leader's request, choose a claimant support intervention, informational support or a group work coach conference.",
      });
    }
    expect(channelRefusal(leaderNamesCoach, 'claimant_support_intervention')).toBeNull();
    expect(channelRefusal(coachAsks, 'case_conference')).toBeNull();
    expect(channelRefusal({ ...coachAsks, claimant: null }, 'three_way_intervention')?.message).toContain('needs a claimant');
  });
});

describe('lmsRecorderOf', () => {
  it('is the DEA for their own intervention (seed §41), and the work coach who asked otherwise (seed §15, §27)', () => {
    expect(lmsRecorderOf('claimant_support_intervention')).toBe('adviser');
    expect(lmsRecorderOf('case_conference')).toBe('requester');
    expect(lmsRecorderOf('three_way_intervention')).toBe('requester');
  });
});
