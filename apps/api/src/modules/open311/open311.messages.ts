import type { CaseStage } from '@linli/contract';
import type { Lang } from '../../core/messages';

/**
 * The texts an Open311 client reads: error descriptions, notices, the discovery document and the
 * service definitions. Kept here rather than in the server catalogue because they speak the
 * GeoReport vocabulary (`lat`, `long`, `service_code`), not our API's field names.
 */
const zh = {
  api_key: 'api_key 缺失、无效或已吊销，或该令牌没有 Open311 提交权限（open311.submit）',
  service_code_required: '缺少 service_code',
  service_code_unknown: '没有服务代码为 {code} 的服务',
  location_required: '请提供 lat 和 long：本平台不做地址解析，不能仅凭 address_string 或 address_id 定位',
  number: '{field} 不是有效的数值',
  out_of_range: '{field} 超出允许范围',
  invalid_value: '{field} 的取值无效：{value}',
  date: '{field} 须为带时区的 W3C 日期时间，例如 2026-11-22T08:00:00+08:00',
  date_order: 'start_date 不能晚于 end_date',
  date_span: 'start_date 与 end_date 相距不能超过 90 天',
  html: 'description 不能包含 HTML',
  too_long: '{field} 最多 {max} 个字符',
  too_many: '{field} 最多 {max} 项',
  body_too_large: '请求体不能超过 {max} 字节',
  request_unknown: '没有编号为 {id} 的公开诉求',
  not_found: '没有这个 Open311 资源',
  content_type: '请求体须为 application/x-www-form-urlencoded; charset=utf-8',
  bad_request: '请求无效',
  internal: '服务器内部错误，请稍后再试',
  notice: '诉求已受理，编号 {id}，将进入网格化处置流程；可通过 requests/{id} 查询办理进度',
  contact: '{city}邻里平台系统管理员',
  key_service:
    '提交诉求（POST requests）需要 api_key：请联系平台系统管理员为贵单位开设“外部系统对接”账号并签发带 open311.submit 权限的 API 令牌。' +
    '查询服务与诉求无需密钥。提交时须提供 lat 和 long（WGS84）；列表支持 page 与 page_size 扩展参数（page_size 默认且最多 1000）。',
  service_description: '{type}：{path}',
  type_component: '部件',
  type_event: '事件',
  urgency_description: '紧急程度',
  urgency_datatype: '一般问题按常规时限处置；紧急问题适用更短的处置时限',
  urgency_normal: '一般',
  urgency_urgent: '紧急',
  stage_collect: '信息收集',
  stage_file: '立案',
  stage_dispatch: '派遣',
  stage_handle: '处置',
  stage_feedback: '反馈',
  stage_check: '核查',
  stage_close: '结案',
  stage_evaluate: '评价',
};

export type Open311Message = keyof typeof zh;

const en: Record<Open311Message, string> = {
  api_key:
    'The api_key is missing, invalid or revoked, or the token lacks the Open311 permission (open311.submit)',
  service_code_required: 'service_code is required',
  service_code_unknown: 'There is no service with code {code}',
  location_required:
    'lat and long are required: this server does not geocode, so address_string or address_id alone cannot place a request',
  number: '{field} is not a valid number',
  out_of_range: '{field} is out of range',
  invalid_value: '{field} has an invalid value: {value}',
  date: '{field} must be a W3C date-time with a time zone, e.g. 2026-11-22T08:00:00+08:00',
  date_order: 'start_date must not be later than end_date',
  date_span: 'start_date and end_date may not be more than 90 days apart',
  html: 'description must not contain HTML',
  too_long: '{field} may have at most {max} characters',
  too_many: '{field} may list at most {max} values',
  body_too_large: 'The body may not exceed {max} bytes',
  request_unknown: 'There is no public request with id {id}',
  not_found: 'There is no such Open311 resource',
  content_type: 'The body must be application/x-www-form-urlencoded; charset=utf-8',
  bad_request: 'Bad request',
  internal: 'Internal server error; please try again later',
  notice: 'Request received as number {id}; it enters the grid-management loop. Follow it at requests/{id}',
  contact: 'The administrator of the Linli platform of {city}',
  key_service:
    'Submitting requests (POST requests) needs an api_key: ask the platform administrator for an "External system" account ' +
    'and an API token with the open311.submit scope. Reading services and requests needs no key. Requests must carry lat and ' +
    'long (WGS84); lists accept the page and page_size extension (page_size defaults to and is capped at 1000).',
  service_description: '{type}: {path}',
  type_component: 'Component',
  type_event: 'Event',
  urgency_description: 'Urgency',
  urgency_datatype:
    'Normal problems are handled within the usual time limits; urgent ones within shorter limits',
  urgency_normal: 'Normal',
  urgency_urgent: 'Urgent',
  stage_collect: 'Intake',
  stage_file: 'Filed',
  stage_dispatch: 'Dispatch',
  stage_handle: 'Handling',
  stage_feedback: 'Feedback',
  stage_check: 'Check',
  stage_close: 'Closed',
  stage_evaluate: 'Rated',
};

export const OPEN311_MESSAGES: Record<Lang, Record<Open311Message, string>> = { 'zh-CN': zh, 'en-US': en };

export function say(lang: Lang, key: Open311Message, params: Record<string, string | number> = {}): string {
  return OPEN311_MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** The stage a status note names (the public only learns open / closed from `status`). */
export const stageName = (lang: Lang, stage: CaseStage) => say(lang, `stage_${stage}`);
