import type { baselineZhCN } from './baseline-zh-CN';

/** English strings of baselines in staff lists, slippage thresholds, verdict evidence, chapter follows. */
export const baselineEn: typeof baselineZhCN = {
  slip: {
    later: 'Originally {{date}}, {{days}} days later',
    earlier: 'Originally {{date}}, {{days}} days earlier',
    value: 'Originally {{value}}{{unit}}, changed {{percent}}%',
    valueMoved: 'Originally {{value}}{{unit}}',
    title: 'Originally {{original}}, now {{current}} ({{count}} re-baselines)',
  },
  settings: {
    title: 'Slippage thresholds',
    intro:
      'A deadline or target value moved from the original promise past these thresholds needs a written explanation (made public) before it is accepted.',
    days: 'Deadline later by more than (days)',
    percent: 'Target value eased by more than (%)',
    minExplanation: 'Shortest explanation (characters)',
    daysInvalid: 'Enter a whole number of days from 0 to 3660',
    percentInvalid: 'Enter a number from 0 to 100',
    minInvalid: 'Enter a whole number from 1 to 500',
    save: 'Save thresholds',
    saved: 'Slippage thresholds saved',
  },
  explanation: {
    needed:
      'The new deadline is {{days}} days later than the original ({{original}}), past the plan’s {{threshold}} days: write an explanation of at least {{min}} characters.',
    tooShort: 'At least {{min}} characters; {{count}} so far',
    neededServer:
      'The new deadline is {{days}} days later than the original, past the plan’s {{threshold}} days: write an explanation of at least {{min}} characters.',
  },
  evidence: {
    label: 'Evidence made public with the verdict',
    help: 'The files ticked can be downloaded from the public page without their author, place taken or comments. A file with phone or ID card numbers in it cannot be published: mask them and upload it again. File names are public too.',
    notPublishable: ' (this kind of file cannot be stripped of its author: upload it as a PDF to publish it)',
    none: 'No evidence for this item yet',
    public: 'public',
    withVerdict: 'Evidence made public: {{names}}',
    download: 'Download “{{name}}”',
    noDownload: 'not available for download',
    kinds: {
      pdf: 'PDF',
      jpeg: 'JPEG picture',
      png: 'PNG picture',
      docx: 'Word document',
      xlsx: 'Excel workbook',
      other: 'file',
    },
  },
  chapter: {
    follow: 'Follow this chapter',
    feed: 'Chapter feed (Atom)',
    followTitle: 'Follow “{{title}}”',
    other: 'Other items',
    count: '{{count}} items',
  },
};
