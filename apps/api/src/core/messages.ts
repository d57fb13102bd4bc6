/**
 * Server-side message catalogue: error codes and field-issue codes in both languages. The web app
 * has its own catalogue for screens; these are the texts an API client receives.
 */
export type Lang = 'zh-CN' | 'en-US';

type Catalogue = Record<string, string>;

const zh: Catalogue = {
  not_found: '未找到该记录',
  forbidden: '没有执行此操作的权限',
  unauthenticated: '请先登录',
  csrf: '请求校验失败，请刷新页面后重试',
  validation: '提交的内容有误，请检查标出的字段',
  internal: '服务器内部错误，请稍后再试',
  rate_limited: '请求过于频繁，请稍后再试',
  conflict: '数据已被修改，请刷新后重试',
  'auth.invalid': '账号或密码不正确',
  'auth.locked': '连续登录失败次数过多，账号已锁定至 {until}',
  'auth.disabled': '账号已停用',
  'auth.totp_required': '请输入动态验证码',
  'auth.totp_invalid': '动态验证码不正确或已使用',
  'auth.password_change_required': '请先修改初始密码',
  'auth.totp_enrollment_required': '您的角色要求启用双因素认证，请先完成设置',
  'auth.totp_not_setup': '请先生成双因素认证密钥',
  'password.too_short': '密码至少 {min} 位',
  'password.common': '密码过于常见，请换一个',
  'password.same': '新密码不能与当前密码相同',
  'password.contains_login': '密码不能包含账号名',
  'account.username_taken': '该用户名已被使用',
  'account.mobile_taken': '该手机号已注册',
  'role.level_mismatch': '该角色不能授予在此层级的组织节点上',
  'org.level_mismatch': '该层级不能设在此上级节点之下',
  'org.code_taken': '该代码已被使用',
  'org.code_prefix': '代码与上级节点的代码不匹配',
  'org.has_children': '请先撤销下级节点',
  'org.move_into_self': '不能移动到自身或下级节点之下',
  'org.retired': '该节点已撤销',
  required: '必填',
  invalid_type: '类型不正确',
  too_small: '不能少于 {minimum}',
  too_big: '不能超过 {maximum}',
  'too_small.string': '至少 {minimum} 个字符',
  'too_big.string': '最多 {maximum} 个字符',
  invalid_format: '格式不正确',
  invalid_value: '取值不在允许范围内',
  unrecognized_key: '不允许的字段',
  'username.format': '用户名须以小写字母开头，3–32 位小写字母、数字或 _ . -',
  'date.format': '日期格式应为 YYYY-MM-DD',
  'totp.format': '动态验证码为 6 位数字',
  'mobile.format': '手机号格式不正确',
  'division.length': '区划代码应为 6、9 或 12 位数字',
  'division.format': '区划代码格式不正确',
  'division.province': '区划代码的省级代码无效',
  'division.segment': '区划代码的分段取值无效',
  'grid.format': '网格代码应为“社区代码-3 位序号”',
  'department.code': '部门代码应为 2–32 位大写字母、数字或 -',
  'job.not_retryable': '只有失败的任务可以重试',
};

const en: Catalogue = {
  not_found: 'Record not found',
  forbidden: 'You do not have permission to do this',
  unauthenticated: 'Please log in',
  csrf: 'Request check failed; reload the page and try again',
  validation: 'Some fields are not valid; please check the marked fields',
  internal: 'Internal server error; please try again later',
  rate_limited: 'Too many requests; please wait a moment',
  conflict: 'The data was changed meanwhile; reload and try again',
  'auth.invalid': 'Wrong account or password',
  'auth.locked': 'Too many failed logins; the account is locked until {until}',
  'auth.disabled': 'This account is disabled',
  'auth.totp_required': 'Enter your one-time code',
  'auth.totp_invalid': 'The one-time code is wrong or was already used',
  'auth.password_change_required': 'Please change your initial password first',
  'auth.totp_enrollment_required': 'Your role requires two-factor authentication; please set it up first',
  'auth.totp_not_setup': 'Generate a two-factor secret first',
  'password.too_short': 'The password needs at least {min} characters',
  'password.common': 'This password is too common; choose another',
  'password.same': 'The new password must differ from the current one',
  'password.contains_login': 'The password must not contain the account name',
  'account.username_taken': 'This username is taken',
  'account.mobile_taken': 'This mobile number is already registered',
  'role.level_mismatch': 'This role cannot be granted on a node of this level',
  'org.level_mismatch': 'A node of this level cannot sit under that parent',
  'org.code_taken': 'This code is already in use',
  'org.code_prefix': "The code does not match the parent node's code",
  'org.has_children': 'Retire the child nodes first',
  'org.move_into_self': 'A node cannot move under itself or its descendants',
  'org.retired': 'This node is retired',
  required: 'Required',
  invalid_type: 'Wrong type',
  too_small: 'Must be at least {minimum}',
  too_big: 'Must be at most {maximum}',
  'too_small.string': 'At least {minimum} characters',
  'too_big.string': 'At most {maximum} characters',
  invalid_format: 'Invalid format',
  invalid_value: 'Not one of the allowed values',
  unrecognized_key: 'Field not allowed',
  'username.format': 'Usernames start with a lower-case letter: 3–32 lower-case letters, digits, _ . -',
  'date.format': 'Dates are YYYY-MM-DD',
  'totp.format': 'The one-time code has 6 digits',
  'mobile.format': 'Not a valid mobile number',
  'division.length': 'Division codes have 6, 9 or 12 digits',
  'division.format': 'Invalid division code',
  'division.province': 'The province part of the division code is invalid',
  'division.segment': 'A segment of the division code is out of range',
  'grid.format': 'Grid codes are <community code>-<3-digit serial>',
  'department.code': 'Department codes are 2–32 capital letters, digits or -',
  'job.not_retryable': 'Only failed jobs can be retried',
};

const catalogues: Record<Lang, Catalogue> = { 'zh-CN': zh, 'en-US': en };

export function hasMessage(code: string): boolean {
  return code in zh;
}

export function translate(lang: Lang, code: string, params: Record<string, string | number> = {}): string {
  const template = catalogues[lang][code] ?? catalogues[lang].invalid_format ?? code;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

export function langFrom(acceptLanguage: string | undefined): Lang {
  return acceptLanguage?.toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN';
}

export const MESSAGE_CATALOGUES = catalogues;
