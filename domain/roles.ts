/** The jobs people do, as the operating model names them. A person may hold several. */
export const ROLES = [
  'work_coach',
  'dea',
  'work_coach_team_leader',
  'service_delivery_team_leader',
  'service_delivery_coach',
  'work_psychologist',
  'employer_adviser',
  'third_party_provision_manager',
  'hcp',
  'hcp_activity_manager',
  'jobcentre_contact',
  'partnership_manager',
  'provision_tool_contact',
  'data_protection_lead',
  'performance_manager',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  work_coach: 'Work coach',
  dea: 'Disability Employment Adviser',
  work_coach_team_leader: 'Work Coach Team Leader',
  service_delivery_team_leader: 'Service Delivery Team Leader',
  service_delivery_coach: 'Service Delivery Coach',
  work_psychologist: 'Work Psychologist',
  employer_adviser: 'Employer Adviser',
  third_party_provision_manager: 'Third Party Provision Manager',
  hcp: 'Health Care Professional',
  hcp_activity_manager: 'HCP Activity Manager',
  jobcentre_contact: 'Local nominated jobcentre contact',
  partnership_manager: 'Partnership Manager',
  provision_tool_contact: 'District provision tool single point of contact',
  data_protection_lead: 'Data protection lead',
  performance_manager: 'Performance manager (Specialist Advice)',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
