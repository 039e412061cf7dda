/** Strings of original vs current promises in staff lists, the slippage thresholds, verdict evidence and chapter follows (issue 19). */
export const baselineZhCN = {
  slip: {
    later: '原定{{date}}，推迟{{days}}天',
    earlier: '原定{{date}}，提前{{days}}天',
    value: '原定{{value}}{{unit}}，调整{{percent}}%',
    valueMoved: '原定{{value}}{{unit}}',
    title: '原定{{original}}，现为{{current}}（调整{{count}}次）',
  },
  settings: {
    title: '偏差说明阈值',
    intro: '完成时限或指标目标值偏离原定承诺超过下列阈值时，须填写书面偏差说明（向社会公开）后方可提交。',
    days: '完成时限推迟超过（天）',
    percent: '指标目标值放宽超过（%）',
    minExplanation: '偏差说明最少字数',
    daysInvalid: '请填写0至3660之间的整数天数',
    percentInvalid: '请填写0至100之间的数值',
    minInvalid: '请填写1至500之间的整数',
    save: '保存阈值',
    saved: '偏差说明阈值已保存',
  },
  explanation: {
    needed:
      '新的完成时限比原定（{{original}}）推迟{{days}}天，超过本计划规定的{{threshold}}天，须填写不少于{{min}}字的偏差说明。',
    tooShort: '偏差说明不少于{{min}}字，当前{{count}}字',
    neededServer:
      '新的完成时限比原定推迟{{days}}天，超过本计划规定的{{threshold}}天，须填写不少于{{min}}字的偏差说明。',
  },
  evidence: {
    label: '随结论公开的佐证材料',
    help: '勾选的材料将去除作者、拍摄地点、批注等信息后在公开页面提供下载。含有手机号码、身份证号码等个人信息的材料不能公开，请先遮盖后重新上传；文件名也将公开。',
    notPublishable: '（此类文件无法去除作者等信息，不能公开；请转为PDF后上传）',
    none: '该事项暂无佐证材料',
    public: '已公开',
    withVerdict: '公开佐证材料：{{names}}',
    download: '下载“{{name}}”',
    noDownload: '暂不提供下载',
    kinds: {
      pdf: 'PDF文件',
      jpeg: 'JPEG图片',
      png: 'PNG图片',
      docx: 'Word文档',
      xlsx: 'Excel表格',
      other: '文件',
    },
  },
  chapter: {
    follow: '关注本章',
    feed: '本章订阅（Atom）',
    followTitle: '关注“{{title}}”的进展',
    other: '其他事项',
    count: '{{count}}项',
  },
};
