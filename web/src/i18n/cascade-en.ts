/** Strings of plans between levels (hand-down, roll-up); mirrors cascade-zh-CN.ts. */
export const cascadeEn = {
  title: 'Levels below',
  none: 'Not handed down yet, and no target below is linked to this one',
  total: 'Total below: {{value}}',
  reporting: '{{reporting}} of {{linked}} jurisdictions below have reported',
  how: 'How: {{formula}}',
  jurisdiction: 'Jurisdiction',
  share: 'Its target',
  latest: 'Latest figure',
  notReported: 'Not reported',
  evidence: 'Evidence',
  handDown: 'Hand down',
  handDownTitle: 'Hand down: {{metric}}',
  handDownIntro:
    'Choose the plans of the jurisdictions below; without a share the target goes down as it stands.',
  shareValue: 'Share',
  shareUnit: 'Unit',
  noLower: 'No jurisdiction below has imported a plan yet',
  handedDown: 'Handed down to {{count}} plans',
  pickOne: 'Choose at least one plan below',
};
