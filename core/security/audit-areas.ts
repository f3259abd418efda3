// Operation areas (the part of an operation name before the dot), for the audit log's area
// filter. Plain data with no imports, so the renderer can use it too.
export const AREA_LABEL: Record<string, string> = {
  roster: '花名册', org: '组织机构', training: '培训', salary: '薪酬', assessment: '考核', bundle: '数据交换', keys: '密钥',
  enroll: '单位注册', auth: '登录与会话', users: '账号', backup: '备份恢复', settings: '安全设置', audit: '审计', setup: '首次设置',
  codes: '代码表', system: '系统', demo: '演示数据', test: '测试',
};
