import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client';

/**
 * Cases in bulk, written by PostgreSQL itself (INSERT … SELECT over generate_series), so ten million
 * rows take minutes rather than hours: a year of a city's grid events, complaints, disputes, petitions
 * and emergency calls, spread over its grids (some busier than others), each with the story the case
 * engine would have given it — filed, dispatched (sometimes to the wrong department and sent back),
 * postponed or put on hold, handled, checked (sometimes failed and reworked), closed on time or late,
 * rated — and cut at `asOf`, so the recent ones are still open at whatever step they had reached.
 *
 * A case's story is a pure function of its id and the columns it was written with (its grid, report
 * time, kind, channel, urgency, category): every step time comes from a hash of the id. That lets
 * `caseStatsSql` rebuild, from the rows alone, the statistics the engine would have appended as it went
 * (`case_stat_deltas`, folded into `case_stats`) without storing a timeline. The timeline
 * (`case_events`) is not generated: nothing that reads the generated cases at scale needs it.
 */
export interface CaseDataOptions {
  count: number;
  /** Chooses grids, times, kinds and categories; the same seed and ids give the same cases. */
  seed: number;
  /** The moment the data ends: cases are reported in the `days` days up to it, stories are cut at it. */
  asOf: Date;
  days: number;
  /** Rows per INSERT (progress is reported between them). */
  batch?: number;
  onProgress?: (written: number) => void;
}

export interface GeneratedCases {
  firstId: number;
  lastId: number;
}

/**
 * Working hours as calendar time, roughly: 7 working hours a day, 5 days a week (24/7 × 7/5 = 4.8).
 * Good enough for generated deadlines; the engine itself uses the real calendar.
 */
const CALENDAR_PER_WORKING_HOUR = 4.8;

/** Category mix per kind: GB/T 30428 codes (the default category tree) with sample titles. */
const CATEGORY_MIX: Record<string, Array<{ code: string; share: number; titles: string[] }>> = {
  grid_event: [
    { code: 'E0101', share: 24, titles: ['绿化带暴露垃圾', '小区门口暴露垃圾', '河道边堆积生活垃圾'] },
    { code: 'E0102', share: 12, titles: ['楼道堆放杂物', '人行道乱堆建材', '单元门口堆放纸箱'] },
    { code: 'E0201', share: 8, titles: ['围墙违规张贴小广告', '电线杆上张贴小广告'] },
    { code: 'E0401', share: 10, titles: ['菜场门口占道经营', '早市摊贩占用人行道'] },
    { code: 'E03', share: 5, titles: ['工地夜间施工扰民', '施工围挡破损'] },
    { code: 'E06', share: 5, titles: ['共享单车堵塞通道', '宠物粪便无人清理'] },
    { code: 'C0101', share: 6, titles: ['人行道井盖松动', '雨水井盖缺失'] },
    { code: 'C0102', share: 8, titles: ['小区东门路灯不亮', '路灯白天常亮'] },
    { code: 'C0201', share: 7, titles: ['单元门口道路破损', '路面坑洼积水'] },
    { code: 'C03', share: 4, titles: ['垃圾桶破损', '公厕设施损坏'] },
    { code: 'C04', share: 4, titles: ['行道树倒伏', '绿化带枯死待补种'] },
    { code: 'C05', share: 2, titles: ['老旧房屋外墙脱落'] },
    { code: 'G02', share: 3, titles: ['电动车楼道充电', '消防通道被占用'] },
    { code: 'G03', share: 2, titles: ['独居老人需要帮扶'] },
  ],
  complaint: [
    { code: 'G04', share: 50, titles: ['投诉物业不作为', '建议增设公交站点'] },
    { code: 'E03', share: 20, titles: ['投诉工地夜间施工噪音'] },
    { code: 'E0401', share: 15, titles: ['投诉商铺占道经营'] },
    { code: 'G03', share: 15, titles: ['反映低保办理进度'] },
  ],
  dispute: [{ code: 'G01', share: 100, titles: ['邻里漏水纠纷', '停车位归属纠纷', '宠物扰民纠纷'] }],
  petition: [
    { code: 'G03', share: 60, titles: ['反映征收补偿问题', '反映社保待遇问题'] },
    { code: 'G04', share: 40, titles: ['反映小区规划问题'] },
  ],
  emergency: [{ code: 'E05', share: 100, titles: ['独居老人家中跌倒求助', '燃气泄漏报警', '道路塌陷'] }],
};
const KINDS = ['grid_event', 'complaint', 'dispute', 'petition', 'emergency'] as const;
const SLOTS = 100;

const DESCRIPTIONS = [
  '',
  '',
  '现场已拍照，请尽快处理。',
  '已持续多日，居民反映强烈。',
  '影响居民出行，存在安全隐患。',
  '居民多次反映，请相关部门核实处理。',
];
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '勇',
  '艳',
  '杰',
  '军',
  '丽',
  '强',
  '秀英',
  '建华',
  '志强',
];
const REJECT_REASONS = ['not_in_scope', 'insufficient_info', 'not_found_on_site', 'already_handled', 'other'];

// --- SQL building blocks. Every value spliced in is a number or a string of ours (quoted here). ---
// Times inside the story are bigint milliseconds since 1970 (exact, and integer arithmetic is what
// makes ten million stories cheap); they become timestamptz only when a row is written.

const text = (s: string) => `'${s.replaceAll("'", "''")}'`;
const textArray = (xs: readonly string[]) => `(array[${xs.map(text).join(',')}]::text[])`;
const intArray = (xs: readonly number[]) => `(array[${xs.join(',')}]::int[])`;

/** A uniform number in [0, 1) from the case id and a salt. */
const u = (salt: number) =>
  `((hashint8extended(c.id, ${salt}) & 9007199254740991)::float8 / 9007199254740992)`;
/** Whole milliseconds of a float expression. */
const ms = (expr: string) => `round(${expr})::bigint`;
const minutes = (expr: string) => ms(`(${expr}) * 60000`);
const workingHours = (expr: string) => ms(`(${expr}) * ${CALENDAR_PER_WORKING_HOUR} * 3600000`);
/** Milliseconds as a timestamp (exact: 1 ms × an integer below 2^53). */
const ts = (t: string) => `(timestamptz 'epoch' + (${t}) * interval '1 millisecond')`;
const msOf = (t: string) => `(extract(epoch from ${t}) * 1000)::bigint`;
/** The day a figure counts on, as days since 1970: the Asia/Shanghai day (statDay in stats.ts). */
const dayOf = (t: string) => `((${t}) + 28800000) / 86400000`;

/** Lookups over the live tree: grids with their ancestors, departments by parent and type. */
const LOOKUPS = `
  gen_grids as (
    select n.id, n.parent_id as community_id,
           split_part(n.path, '/', 2)::int as city_id,
           split_part(n.path, '/', 3)::int as district_id,
           split_part(n.path, '/', 4)::int as street_id
    from org_nodes n where n.level = 'grid' and n.valid_to is null
  ),
  gen_depts as (
    select id, parent_id, department_type from org_nodes where level = 'department' and valid_to is null
  ),
  gen_district_depts as (
    select parent_id as district_id, array_agg(id order by id) as ids from gen_depts group by parent_id
  )`;

/**
 * The story of every case of `base` (columns id, org_node_id, reported_ms, kind, channel, urgency,
 * category_id): outcome flags and step durations (f), who handles it (h), and the time of each step
 * (t1…t5; null when the step does not happen). Each layer is fenced with OFFSET 0 so PostgreSQL
 * computes it once per row instead of inlining it into every later use.
 */
function timeline(base: string): string {
  const shareToDept = `case c.kind when 'grid_event' then 0.55 when 'complaint' then 0.7
    when 'dispute' then 0.4 when 'petition' then 0.5 else 0.9 end`;
  const limit = (stage: string) =>
    `(case when c.urgency = 'urgent' then cat.limits_urgent else cat.limits_normal end ->> '${stage}')::float8`;
  const early = (share: (cut: string) => string) => share(u(101));
  return `
  (${base}) c
  join gen_grids g on g.id = c.org_node_id
  join case_categories cat on cat.id = c.category_id
  left join gen_depts sd on sd.parent_id = g.street_id and sd.department_type = cat.handler_department_type
  left join gen_depts dd on dd.parent_id = g.district_id and dd.department_type = cat.handler_department_type
  left join gen_depts cd on cd.parent_id = g.city_id and cd.department_type = cat.handler_department_type
  left join gen_district_depts dds on dds.district_id = g.district_id
  cross join lateral (select
    -- An end before filing: 自办自结 by the grid worker at the report, or rejected / merged / transferred.
    ${early(
      (e) => `case
      when c.kind = 'grid_event' and c.channel = 'grid_worker' then case when ${e} < 0.30 then 'self_resolve'
        when ${e} < 0.32 then 'reject' when ${e} < 0.34 then 'merge' when ${e} < 0.35 then 'transfer' end
      when c.kind = 'grid_event' then case when ${e} < 0.04 then 'reject' when ${e} < 0.07 then 'merge'
        when ${e} < 0.08 then 'transfer' end
      when c.kind = 'complaint' then case when ${e} < 0.03 then 'reject' when ${e} < 0.05 then 'merge'
        when ${e} < 0.08 then 'transfer' end
      when c.kind = 'dispute' then case when ${e} < 0.02 then 'reject' end
      when c.kind = 'petition' then case when ${e} < 0.05 then 'reject' when ${e} < 0.60 then 'transfer' end
    end`,
    )} as early,
    -- A resident's grid event (and half the disputes) is verified on site before filing.
    (c.kind = 'grid_event' and c.channel <> 'grid_worker') or (c.kind = 'dispute' and ${u(102)} < 0.5) as verify,
    ${u(103)} < 0.02 as wrong,
    ${u(104)} < 0.02 as postpone,
    ${u(104)} >= 0.02 and ${u(104)} < 0.025 as hold,
    -- Grid events and emergencies are checked on site (核查); the other kinds are closed by the dispatcher.
    c.kind in ('grid_event', 'emergency') as check_path,
    c.kind in ('grid_event', 'emergency') and ${u(105)} < 0.02 as rework,
    ${u(106)} < 0.05 as late,
    ${u(107)} < 0.70 as evaluated,
    case when ${u(108)} < 0.60 then 5 when ${u(108)} < 0.88 then 4 when ${u(108)} < 0.95 then 3
      when ${u(108)} < 0.98 then 2 else 1 end as rating,
    case when cat.handler_department_type is not null and ${u(110)} < ${shareToDept}
      -- The category's department nearest the case (street branch, district), now and then the city's.
      then coalesce(case when ${u(111)} < 0.03 then cd.id end, sd.id, dd.id) end as dept,
    ${limit('file')} as file_h, ${limit('dispatch')} as dispatch_h,
    ${limit('handle')} as handle_h, ${limit('check')} as check_h,
    -- How long each step waits for the one before it.
    ${minutes(`5 + 40 * ${u(120)}`)} as d_vreq,
    ${minutes(`20 + 100 * ${u(121)}`)} as d_verify,
    ${minutes(`10 + 90 * ${u(122)}`)} as d_early,
    ${minutes(`5 + 45 * ${u(123)}`)} as d_file,
    ${minutes(`5 + 45 * ${u(124)}`)} as d_disp1,
    ${minutes(`30 + 210 * ${u(125)}`)} as d_return,
    ${minutes(`10 + 50 * ${u(126)}`)} as d_disp2,
    ${minutes(`10 + 110 * ${u(127)}`)} as d_accept,
    ${minutes(`60 + 120 * ${u(128)}`)} as d_preq,
    ${minutes(`30 + 90 * ${u(129)}`)} as d_pok,
    ${minutes(`(2 + 3 * ${u(130)}) * 1440`)} as d_postponed,
    ${minutes(`30 + 60 * ${u(131)}`)} as d_hreq,
    ${minutes(`30 + 90 * ${u(132)}`)} as d_hold,
    ${minutes(`(1 + 19 * ${u(133)}) * 1440`)} as d_held,
    ${u(134)} as u_close, ${u(135)} as u_handle,
    ${ms(`(1 + 71 * ${u(136)}) * 3600000`)} as d_eval
    offset 0) f
  cross join lateral (select
    coalesce(f.dept, g.community_id) as handler,
    f.dept is not null as handler_is_dept,
    -- A wrong dispatch goes to another department of the district, which sends it back.
    case when f.wrong and f.early is null and dds.ids is not null then
      dds.ids[1 + ((floor(${u(112)} * cardinality(dds.ids))::int
        + coalesce(dds.ids[1 + floor(${u(112)} * cardinality(dds.ids))::int] = f.dept, false)::int)
        % cardinality(dds.ids))]
    end as wrong_dept
    offset 0) h
  cross join lateral (select
    case when f.verify then c.reported_ms + f.d_vreq end as t_vreq,
    case when f.verify then c.reported_ms + f.d_vreq + f.d_verify end as t_verify,
    c.reported_ms + case when f.verify then f.d_vreq + f.d_verify else 0 end as t_ready,
    case when f.early = 'self_resolve' then c.reported_ms when f.early is not null then
      c.reported_ms + case when f.verify then f.d_vreq + f.d_verify else 0 end + f.d_early end as t_early,
    case when f.early is null then
      c.reported_ms + case when f.verify then f.d_vreq + f.d_verify else 0 end + f.d_file end as t_file
    offset 0) t1
  cross join lateral (select
    t1.t_file + ${workingHours('f.dispatch_h + f.handle_h + f.check_h')} as due0,
    t1.t_file + f.d_disp1 as t_disp1,
    case when h.wrong_dept is not null then t1.t_file + f.d_disp1 + f.d_return end as t_return,
    case when h.wrong_dept is not null then t1.t_file + f.d_disp1 + f.d_return + f.d_disp2 end as t_disp2,
    t1.t_file + f.d_disp1 + case when h.wrong_dept is not null then f.d_return + f.d_disp2 else 0 end as t_disp,
    t1.t_file + f.d_disp1 + case when h.wrong_dept is not null then f.d_return + f.d_disp2 else 0 end
      + f.d_accept as t_accept
    offset 0) t2
  cross join lateral (select
    case when f.postpone then t2.t_accept + f.d_preq end as t_preq,
    case when f.postpone then t2.t_accept + f.d_preq + f.d_pok end as t_pok,
    case when f.postpone then t2.due0 + f.d_postponed end as due_post,
    case when f.hold then t2.t_accept + f.d_hreq end as t_hreq,
    case when f.hold then t2.t_accept + f.d_hreq + f.d_hold end as t_hold,
    case when f.hold then t2.t_accept + f.d_hreq + f.d_hold + f.d_held end as t_release,
    -- The deadline in force at the end: postponed, or moved by the time on hold.
    t2.due0 + case when f.postpone then f.d_postponed when f.hold then f.d_held else 0 end as due_final,
    -- Work resumes after acceptance, an approved postponement, or the end of a hold.
    t2.t_accept + case when f.postpone then f.d_preq + f.d_pok when f.hold then f.d_hreq + f.d_hold + f.d_held
      else 0 end as ws
    offset 0) t3
  cross join lateral (select
    case when f.late then t3.due_final + ${minutes(`60 + 4260 * f.u_close`)}
      else t3.ws + ${ms(`(0.1 + 0.85 * f.u_close) * (t3.due_final - t3.ws)`)} end as t_close
    offset 0) t4
  cross join lateral (select
    case when f.rework then t3.ws + ${ms('0.30 * (t4.t_close - t3.ws)')} end as t_handle1,
    case when f.rework then t3.ws + ${ms('0.35 * (t4.t_close - t3.ws)')} end as t_creq1,
    case when f.rework then t3.ws + ${ms('0.45 * (t4.t_close - t3.ws)')} end as t_cfail,
    t3.ws + ${ms(`(case when f.rework then 0.75 when f.check_path then 0.70 + 0.10 * f.u_handle
      else 0.80 + 0.10 * f.u_handle end) * (t4.t_close - t3.ws)`)} as t_handle,
    case when f.check_path then t3.ws + ${ms(`(case when f.rework then 0.85 else 0.85 + 0.05 * f.u_handle end)
      * (t4.t_close - t3.ws)`)} end as t_creq,
    case when f.evaluated then t4.t_close + f.d_eval end as t_eval,
    -- 应结案 counted by the deadline sweep: a deadline that passed while the case was open (on hold too).
    case when f.hold and t2.due0 < t3.t_release then t2.due0
      when t3.due_final < t4.t_close then t3.due_final end as t_due_sweep
    offset 0) t5`;
}

/** `t` happened by asOf (a null time never happens). */
const happened = (t: string, asOf: number) => `coalesce(${t} <= ${asOf}, false)`;
const ifHappened = (t: string, asOf: number) => `case when ${t} <= ${asOf} then ${t} end`;

/** Every action after the report, in story order (each one adds 1 to the version). */
const ACTIONS = [
  't1.t_vreq',
  't1.t_verify',
  "case when f.early <> 'self_resolve' then t1.t_early end",
  't1.t_file',
  't2.t_disp1',
  't2.t_return',
  't2.t_disp2',
  't2.t_accept',
  't3.t_preq',
  't3.t_pok',
  't3.t_hreq',
  't3.t_hold',
  't3.t_release',
  't5.t_handle1',
  't5.t_creq1',
  't5.t_cfail',
  't5.t_handle',
  't5.t_creq',
  't4.t_close',
  't5.t_eval',
];
/** The actions that change the state, which restarts the stage clock (flags do not). */
const STATE_CHANGES = ACTIONS.filter((a) => !/t_preq|t_pok|t_hreq|t_hold|t_release/.test(a));

/** The state and the stage clock at asOf. */
function stateAt(asOf: number): string {
  const h = (t: string) => happened(t, asOf);
  const v = (t: string) => ifHappened(t, asOf);
  return `
  cross join lateral (select
    case
      when f.early = 'self_resolve' then 'self_resolved'
      when ${h('t5.t_eval')} then 'evaluated'
      when ${h('t4.t_close')} then 'closed'
      when ${h('t5.t_creq')} then 'checking'
      when ${h('t5.t_handle')} then 'handled'
      when ${h('t5.t_cfail')} then 'in_progress'
      when ${h('t5.t_creq1')} then 'checking'
      when ${h('t5.t_handle1')} then 'handled'
      when ${h('t2.t_accept')} then 'in_progress'
      when ${h('t2.t_disp')} then 'dispatched'
      when ${h('t2.t_return')} then 'filed'
      when ${h('t2.t_disp1')} then 'dispatched'
      when ${h('t1.t_file')} then 'filed'
      when ${h('t1.t_early')} then case f.early when 'reject' then 'rejected' when 'merge' then 'duplicate'
        else 'transferred' end
      when ${h('t1.t_verify')} then 'reported'
      when ${h('t1.t_vreq')} then 'verifying'
      else 'reported' end as state,
    greatest(c.reported_ms, ${STATE_CHANGES.map(v).join(', ')}) as stage_entered
    offset 0) s`;
}

const CASE_COLUMNS = [
  'id',
  'kind',
  'state',
  'version',
  'category_id',
  'urgency',
  'channel',
  'title',
  'description',
  'org_node_id',
  'district_id',
  'handling_level',
  'assignee_node_id',
  'lat',
  'lng',
  'reporter_name',
  'parent_id',
  'external_system',
  'external_id',
  'reason_code',
  'rework_count',
  'wrong_dispatch_count',
  'postpone_count',
  'on_hold',
  'pending_request',
  'pending_due_at',
  'due_at',
  'stage_due_at',
  'stage_entered_at',
  'reported_at',
  'filed_at',
  'closed_at',
  'closed_on_time',
  'due_counted',
  'rating',
  'created_at',
  'updated_at',
];

/** The row as the engine would have left it at asOf, in CASE_COLUMNS order. */
function caseValues(asOf: number): string {
  const h = (t: string) => happened(t, asOf);
  const v = (t: string) => ifHappened(t, asOf);
  // The deadline of the current stage, as the action that entered it set it.
  const stageDue = `case s.state
    when 'reported' then s.stage_entered + ${workingHours('f.file_h')}
    when 'verifying' then s.stage_entered + ${workingHours('f.check_h')}
    when 'filed' then s.stage_entered + ${workingHours('f.dispatch_h')}
    when 'dispatched' then s.stage_entered + ${workingHours('f.handle_h')}
    when 'in_progress' then case
      when ${h('t5.t_cfail')} then t5.t_cfail + ${workingHours('f.handle_h')}
      when ${h('t3.t_pok')} then t3.due_post
      when ${h('t3.t_release')} then t2.t_disp + ${workingHours('f.handle_h')} + f.d_held
      else t2.t_disp + ${workingHours('f.handle_h')} end
    when 'handled' then s.stage_entered + ${workingHours('f.check_h')}
    when 'checking' then coalesce(${v('t5.t_handle')}, t5.t_handle1) + ${workingHours('f.check_h')}
    end`;
  const ended = (kind: string) => `f.early = '${kind}' and ${h('t1.t_early')}`;
  return [
    'c.id',
    'c.kind',
    's.state',
    `case when f.early = 'self_resolve' then 2 else 1 + ${ACTIONS.map((a) => `${h(a)}::int`).join(' + ')} end`,
    'c.category_id',
    'c.urgency',
    'c.channel',
    'c.title',
    'c.description',
    'c.org_node_id',
    'g.district_id',
    `case when ${h('t1.t_file')} then cat.default_level else 'community' end`,
    `case when ${h('t2.t_disp')} then h.handler when ${h('t2.t_return')} then null
      when ${h('t2.t_disp1')} then h.wrong_dept end`,
    'c.lat',
    'c.lng',
    'c.reporter_name',
    // Merged into one of the cases reported shortly before it.
    `case when ${ended('merge')} and c.id > c.first_id
      then c.id - 1 - floor(${u(140)} * least(50, c.id - c.first_id))::bigint end`,
    `case when ${ended('transfer')} then case when c.kind = 'petition' then 'petition'
      when ${u(141)} < 0.8 then 'hotline_12345' else 'other' end end`,
    `case when ${ended('transfer')} then 'ZB' || lpad(c.id::text, 10, '0') end`,
    `case when ${ended('reject')} then
      ${textArray(REJECT_REASONS)}[1 + floor(${u(142)} * ${REJECT_REASONS.length})::int] end`,
    `${h('t5.t_cfail')}::int`,
    `${h('t2.t_return')}::int`,
    `${h('t3.t_pok')}::int`,
    `${h('t3.t_hold')} and not ${h('t3.t_release')}`,
    `case when ${h('t3.t_preq')} and not ${h('t3.t_pok')} then 'postpone'
      when ${h('t3.t_hreq')} and not ${h('t3.t_hold')} then 'hold' end`,
    ts(`case when ${h('t3.t_preq')} and not ${h('t3.t_pok')} then t3.due_post end`),
    ts(`case when not ${h('t1.t_file')} then null when ${h('t3.t_pok')} then t3.due_post
      when ${h('t3.t_release')} then t3.due_final else t2.due0 end`),
    ts(`case when s.state in ('closed', 'evaluated', 'self_resolved', 'rejected', 'duplicate', 'transferred')
      then null else ${stageDue} end`),
    ts('s.stage_entered'),
    ts('c.reported_ms'),
    ts(v('t1.t_file')),
    ts(`case when f.early is not null then ${v('t1.t_early')} else ${v('t4.t_close')} end`),
    `case when f.early = 'self_resolve' then true when ${h('t4.t_close')} then not f.late end`,
    `coalesce(f.early = 'self_resolve', false) or ${h('t5.t_due_sweep')} or ${h('t4.t_close')}`,
    `case when ${h('t5.t_eval')} then f.rating end`,
    ts('c.reported_ms'),
    ts(`greatest(c.reported_ms, ${ACTIONS.map(v).join(', ')})`),
  ].join(',\n    ');
}

/** Territory counters (stats.ts): one column each in a step row. */
const STAGES = ['collect', 'file', 'dispatch', 'handle', 'feedback', 'check', 'close'] as const;
const TERRITORY_COUNTERS = [
  'reported',
  'valid',
  'filed',
  'dispatched',
  'wrong_dispatch',
  'postponed',
  'on_hold',
  'rework',
  'closed',
  'closed_on_time',
  'due',
  'evaluated',
  'rating_sum',
  'satisfied',
  'self_resolved',
  'rejected',
  ...STAGES.flatMap((s) => [`stage_ms:${s}`, `stage_n:${s}`]),
];
const column = (counter: string) => `k${TERRITORY_COUNTERS.indexOf(counter)}`;
const COLUMNS = TERRITORY_COUNTERS.map(column);

/**
 * What each step of a story adds to the statistics, as cases.service.ts appends it (`addDeltas`): one
 * row per step with its time, the territory counters it adds on the case's grid (a column each), or
 * — for the rows that name a department — one counter of the department it was dispatched to, which
 * the engine adds twice: on the department (`department`) and on the territory as
 * `<deptId>:<counter>` (`territory_dept`). Every change of state also adds the time spent in the stage
 * it leaves (`stage_ms:` / `stage_n:`).
 *
 * The rows come in groups behind the flag that makes their steps happen (a verification, a wrong
 * dispatch, a rework …), so PostgreSQL skips a whole group at once for the many cases without it.
 */
function stepRows(): string {
  const groups: Array<{ when: string | null; rows: string[] }> = [];
  let rows: string[] = [];
  const group = (when: string | null, fill: () => void) => {
    rows = [];
    fill();
    groups.push({ when, rows });
  };
  const when = (cond: string, t: string) => `case when ${cond} then ${t} end`;
  // Every cell typed: the groups are joined by UNION ALL, which will not match an untyped null.
  const row = (t: string, counters: Record<string, string>) => {
    const cells = TERRITORY_COUNTERS.map((k) =>
      k in counters ? `(${counters[k]})::float8` : 'null::float8',
    );
    rows.push(`(${t}, null::int, null::text, ${cells.join(', ')})`);
  };
  const stage = (name: string, t: string, since: string) => ({
    [`stage_ms:${name}`]: `${t} - ${since}`,
    [`stage_n:${name}`]: '1',
  });
  const department = (dept: string, t: string, counter: string) =>
    rows.push(`(${t}, ${dept}, ${text(counter)}::text, ${COLUMNS.map(() => 'null::float8').join(', ')})`);
  const selfResolved = (k: string) => [k, "case when f.early = 'self_resolve' then 1 end"];
  const handlerDept = (t: string) => when('h.handler_is_dept', t);

  group(null, () => {
    // The report; 自办自结 in the report itself is valid, resolved and closed on time at once.
    row('c.reported_ms', {
      reported: '1',
      ...Object.fromEntries(['valid', 'self_resolved', 'closed', 'closed_on_time', 'due'].map(selfResolved)),
    });
  });
  group('f.verify', () => {
    row('t1.t_vreq', stage('collect', 't1.t_vreq', 'c.reported_ms')); // request_verify
    row('t1.t_verify', stage('collect', 't1.t_verify', 't1.t_vreq')); // verify
  });
  group("f.early in ('reject', 'merge', 'transfer')", () => {
    row('t1.t_early', {
      ...stage('collect', 't1.t_early', 't1.t_ready'),
      rejected: "case when f.early = 'reject' then 1 end",
    });
  });
  group('f.early is null', () => {
    row('t1.t_file', { ...stage('collect', 't1.t_file', 't1.t_ready'), filed: '1', valid: '1' }); // file
    row('t2.t_disp1', { ...stage('file', 't2.t_disp1', 't1.t_file'), dispatched: '1' }); // dispatch
    department('h.handler', handlerDept('t2.t_disp'), 'dispatched');
    row('t2.t_accept', stage('dispatch', 't2.t_accept', 't2.t_disp')); // accept
    row('t5.t_handle', stage('handle', 't5.t_handle', 'coalesce(t5.t_cfail, t2.t_accept)')); // handle
    row('t5.t_creq', stage('feedback', 't5.t_creq', 't5.t_handle')); // request_check
    // check_pass leaves 核查 (check), close leaves 反馈 (feedback). 应结案 is counted once: at closing,
    // unless the deadline sweep counted it when the deadline passed while the case was open.
    const leaving = (name: string, cond: string) =>
      Object.fromEntries(
        Object.entries(stage(name, 't4.t_close', 'coalesce(t5.t_creq, t5.t_handle)')).map(([k, v]) => [
          k,
          `case when ${cond} then ${v} end`,
        ]),
      );
    row('t4.t_close', {
      ...leaving('check', 'f.check_path'),
      ...leaving('feedback', 'not f.check_path'),
      closed: '1',
      closed_on_time: 'case when not f.late then 1 end',
      due: 'case when t5.t_due_sweep is null then 1 end',
    });
    department('h.handler', handlerDept('t4.t_close'), 'closed');
    department('h.handler', when('h.handler_is_dept and not f.late', 't4.t_close'), 'closed_on_time');
    row('t5.t_due_sweep', { due: '1' }); // the deadline sweep
    row('t5.t_eval', {
      ...stage('close', 't5.t_eval', 't4.t_close'),
      evaluated: '1',
      rating_sum: 'f.rating',
      satisfied: 'case when f.rating >= 4 then 1 end',
    }); // evaluate
  });
  group('h.wrong_dept is not null', () => {
    // The first dispatch went to the wrong department, which returned it; then dispatched again.
    department('h.wrong_dept', 't2.t_disp1', 'dispatched');
    row('t2.t_return', { ...stage('dispatch', 't2.t_return', 't2.t_disp1'), wrong_dispatch: '1' }); // return
    department('h.wrong_dept', 't2.t_return', 'wrong_dispatch');
    row('t2.t_disp2', { ...stage('file', 't2.t_disp2', 't2.t_return'), dispatched: '1' }); // dispatch
  });
  group('f.postpone', () => {
    row('t3.t_pok', { postponed: '1' }); // approve_postpone
    department('h.handler', handlerDept('t3.t_pok'), 'postponed');
  });
  group('f.hold', () => {
    row('t3.t_hold', { on_hold: '1' }); // approve_hold
    row('t3.t_release', { on_hold: '-1' }); // release_hold
  });
  group('f.rework', () => {
    row('t5.t_handle1', stage('handle', 't5.t_handle1', 't2.t_accept')); // handle
    row('t5.t_creq1', stage('feedback', 't5.t_creq1', 't5.t_handle1')); // request_check
    row('t5.t_cfail', { ...stage('check', 't5.t_cfail', 't5.t_creq1'), rework: '1' }); // check_fail
    department('h.handler', handlerDept('t5.t_cfail'), 'rework');
  });
  return groups
    .map((g, i) =>
      g.when === null && i === 0
        ? `values ${g.rows.join(',\n    ')}`
        : `select * from (values ${g.rows.join(',\n    ')}) g${i} where ${g.when}`,
    )
    .join('\n    union all ');
}

/** The generated cases of an id range, as the story's input. */
const storedCases = (range: GeneratedCases) => `
  select id, org_node_id, ${msOf('reported_at')} as reported_ms, kind, channel, urgency, category_id
  from cases where id between ${range.firstId} and ${range.lastId}`;

/**
 * The step rows of the cases in `range` that happened by asOf: grid, day (days since 1970), and
 * either a department and its counter, or the territory counter columns.
 */
function stepsOf(range: GeneratedCases, asOf: Date): string {
  return `
  select c.org_node_id as grid, ${dayOf('v.t')} as day, v.dept, v.dcounter, ${COLUMNS.map((k) => `v.${k}`).join(', ')}
  from ${timeline(storedCases(range))}
  cross join lateral (
    ${stepRows()}
  ) v(t, dept, dcounter, ${COLUMNS.join(', ')})
  where v.t <= ${asOf.getTime()}`;
}

const asDate = (day: string) => `date '1970-01-01' + ${day}::int`;

/** The fold's merge of a new packed row into one already there (stats.ts `foldStats`). */
const MERGE_COUNTERS = `
  on conflict (org_node_id, dimension, day) do update set counters = (
    select jsonb_object_agg(k, coalesce((case_stats.counters->>k)::bigint, 0) + coalesce((excluded.counters->>k)::bigint, 0))
    from (select jsonb_object_keys(case_stats.counters) union select jsonb_object_keys(excluded.counters)) keys(k))`;

/**
 * A grid's sums rolled up its path: the grid, its community, street, district and city (the fold adds
 * a territory delta to every node its path names; grids sit at the fifth level of the tree).
 */
const ROLLUP_NODE = `case when grouping(x.grid) = 0 then x.grid when grouping(gg.community_id) = 0 then gg.community_id
  when grouping(gg.street_id) = 0 then gg.street_id when grouping(gg.district_id) = 0 then gg.district_id
  else gg.city_id end`;
const ROLLUP =
  'rollup(gg.city_id, gg.district_id, gg.street_id, gg.community_id, x.grid) having grouping(gg.city_id) = 0';

/**
 * The statistics of the generated cases in ONE aggregate statement, equivalent to appending every
 * delta and folding them (stats.ts `foldStats`; the vitest next to this file checks it against the
 * real fold): every counter summed per node, dimension and day — territory counters and the
 * per-department territory counters on the grid and every ancestor, department counters on the
 * department alone — packed per node and day into one jsonb object with a key for each counter that
 * had a delta (a zero stays, as +1 −1 does in the fold), and merged into rows already there.
 * Sums per grid and day come first (a few million groups), then ROLLUP adds them up the tree.
 */
export function caseStatsSql(range: GeneratedCases, asOf: Date): string {
  const sums = (from: string) => COLUMNS.map((k) => `sum(${from}.${k}) as ${k}`).join(', ');
  const packed = `jsonb_strip_nulls(jsonb_build_object(${TERRITORY_COUNTERS.map((k) => `${text(k)}, t.${column(k)}::bigint`).join(', ')}))`;
  return `
  with ${LOOKUPS},
  per_grid as (
    select grid, day, dept, dcounter, count(*) as n, ${sums('s')}
    from (${stepsOf(range, asOf)}) s
    group by grid, day, dept, dcounter
  ),
  territory as (
    select ${ROLLUP_NODE} as org_node_id, x.day, ${sums('x')}
    from per_grid x join gen_grids gg on gg.id = x.grid
    where x.dept is null
    group by x.day, ${ROLLUP}
  ),
  territory_dept as (
    select ${ROLLUP_NODE} as org_node_id, x.day, x.dept || ':' || x.dcounter as counter, sum(x.n) as amount
    from per_grid x join gen_grids gg on gg.id = x.grid
    where x.dept is not null
    group by x.day, x.dept, x.dcounter, ${ROLLUP}
  ),
  department as (
    select dept as org_node_id, day, dcounter as counter, sum(n) as amount
    from per_grid where dept is not null group by dept, day, dcounter
  )
  insert into case_stats (org_node_id, dimension, day, counters)
  select org_node_id, 'territory', ${asDate('day')}, ${packed} from territory t
  union all
  select org_node_id, 'territory_dept', ${asDate('day')}, jsonb_object_agg(counter, amount)
  from territory_dept group by org_node_id, day
  union all
  select org_node_id, 'department', ${asDate('day')}, jsonb_object_agg(counter, amount)
  from department group by org_node_id, day
  ${MERGE_COUNTERS}`;
}

export async function buildCaseStats(db: Db, range: GeneratedCases, asOf: Date): Promise<void> {
  await db.execute(sql.raw(caseStatsSql(range, asOf)));
}

/**
 * The same steps appended to `case_stat_deltas` one counter per row, as the engine appends them, for
 * the real fold to add up (the equivalence test; far too slow for millions).
 */
export async function appendCaseDeltas(db: Db, range: GeneratedCases, asOf: Date): Promise<void> {
  const unpivot = TERRITORY_COUNTERS.map((k) => `(${text(k)}, s.${column(k)})`).join(', ');
  await db.execute(
    sql.raw(`
    with ${LOOKUPS},
    steps as (${stepsOf(range, asOf)})
    insert into case_stat_deltas (org_node_id, dimension, day, counter, amount)
    select s.grid, 'territory', ${asDate('s.day')}, kv.counter, kv.amount::bigint
    from steps s cross join lateral (values ${unpivot}) kv(counter, amount)
    where s.dept is null and kv.amount is not null
    union all
    select s.dept, 'department', ${asDate('s.day')}, s.dcounter, 1 from steps s where s.dept is not null
    union all
    select s.grid, 'territory_dept', ${asDate('s.day')}, s.dept || ':' || s.dcounter, 1
    from steps s where s.dept is not null`),
  );
}

/** Per kind, SLOTS category ids and titles: a uniform slot picks a category with its share. */
function categorySlots(ids: Map<string, number>, fallback: number) {
  const slots: Record<string, { ids: number[]; titles: string[] }> = {};
  for (const kind of KINDS) {
    const mix = CATEGORY_MIX[kind]!;
    const total = mix.reduce((sum, m) => sum + m.share, 0);
    const out = { ids: [] as number[], titles: [] as string[] };
    let taken = 0;
    mix.forEach((m, i) => {
      taken += m.share;
      const upTo = i === mix.length - 1 ? SLOTS : Math.round((taken / total) * SLOTS);
      for (let slot = out.ids.length; slot < upTo; slot++) {
        out.ids.push(ids.get(m.code) ?? fallback);
        out.titles.push(m.titles[slot % m.titles.length]!);
      }
    });
    slots[kind] = out;
  }
  return slots;
}

type Slots = ReturnType<typeof categorySlots>;

/**
 * The generated columns of cases `first`…`last`: a grid (a tenth of the grids get 30 % of the
 * cases), a report time in the `days` days up to asOf (weekends quieter, office hours busier), kind,
 * channel, urgency, category and title, a point inside the grid.
 */
function generatedBase(opts: CaseDataOptions, first: number, last: number, firstId: number, slots: Slots) {
  const salt = (k: number) => opts.seed * 1000 + k;
  const asOf = opts.asOf.getTime();
  const today = Math.floor((asOf + 8 * 3_600_000) / 86_400_000); // Shanghai days since 1970
  const byKind = (pick: (s: { ids: number[]; titles: string[] }) => string) =>
    `(case k.kind ${KINDS.map((kind) => `when '${kind}' then ${pick(slots[kind]!)}`).join(' ')} end)[1 + k.slot]`;
  return `
  select c.id, ${firstId}::bigint as first_id, p.org_node_id, r.reported_ms, k.kind, k.channel, k.urgency,
    ${byKind((s) => intArray(s.ids))} as category_id,
    ${byKind((s) => textArray(s.titles))} as title,
    ${textArray(DESCRIPTIONS)}[1 + floor(${u(salt(11))} * ${DESCRIPTIONS.length})::int] as description,
    ${textArray(SURNAMES)}[1 + floor(${u(salt(12))} * ${SURNAMES.length})::int]
      || ${textArray(GIVEN)}[1 + floor(${u(salt(13))} * ${GIVEN.length})::int] as reporter_name,
    bb.miny + (0.05 + 0.9 * ${u(salt(14))}) * (bb.maxy - bb.miny) as lat,
    bb.minx + (0.05 + 0.9 * ${u(salt(15))}) * (bb.maxx - bb.minx) as lng
  from generate_series(${first}::bigint, ${last}::bigint) c(id)
  cross join gen_grid_list gl
  cross join lateral (select gl.ids[1 + case when ${u(salt(1))} < 0.3
      then floor(${u(salt(1))} / 0.3 * gl.hot)::int
      else floor((${u(salt(1))} - 0.3) / 0.7 * gl.n)::int end] as org_node_id,
    floor(${u(salt(3))} * ${opts.days})::int as d
    offset 0) p
  left join gen_bbox bb on bb.id = p.org_node_id
  cross join lateral (select
    -- Half the weekend reports move to the Thursday or Friday before: fewer people at work.
    ${today} - case when extract(isodow from date '1970-01-01' + (${today} - p.d)) in (6, 7) and ${u(salt(4))} < 0.5
      then case when p.d + 2 < ${opts.days} then p.d + 2 else greatest(p.d - 2, 0) end else p.d end as day,
    ${ms(`case when ${u(salt(5))} < 0.8 then (8 + 10 * ${u(salt(6))}) * 3600000 else ${u(salt(6))} * 86400000 end`)}
      as time_of_day
    offset 0) r0
  cross join lateral (select
    -- A time later today than asOf moves to the day before.
    r0.day::bigint * 86400000 - 28800000 + r0.time_of_day
      - case when r0.day::bigint * 86400000 - 28800000 + r0.time_of_day > ${asOf} then 86400000 else 0 end
      as reported_ms
    offset 0) r
  cross join lateral (select
    case when ${u(salt(7))} < 0.86 then 'grid_event' when ${u(salt(7))} < 0.94 then 'complaint'
      when ${u(salt(7))} < 0.97 then 'dispute' when ${u(salt(7))} < 0.99 then 'petition' else 'emergency' end as kind
    offset 0) k0
  cross join lateral (select k0.kind,
    case k0.kind
      when 'grid_event' then case when ${u(salt(8))} < 0.88 then 'grid_worker' else 'resident' end
      when 'complaint' then case when ${u(salt(8))} < 0.65 then 'hotline' else 'resident' end
      when 'emergency' then 'hotline' else 'window' end as channel,
    case when k0.kind = 'emergency' or ${u(salt(9))} < 0.04 then 'urgent' else 'normal' end as urgency,
    floor(${u(salt(10))} * ${SLOTS})::int as slot
    offset 0) k`;
}

/** Grids in a seed-shuffled order (the first tenth are the busy ones), and their bounding boxes. */
const GRID_EXTRAS = (seed: number) => `
  gen_grid_list as (
    select array_agg(id order by hashint8extended(id::bigint, ${seed})) as ids, count(*)::int as n,
           greatest(1, count(*) / 10)::int as hot
    from gen_grids
  ),
  gen_bbox as (
    select n.id, min((p->>0)::float8) as minx, max((p->>0)::float8) as maxx,
           min((p->>1)::float8) as miny, max((p->>1)::float8) as maxy
    from org_nodes n cross join lateral jsonb_array_elements(n.boundary->'coordinates'->0) p
    where n.level = 'grid' and n.valid_to is null and n.boundary->>'type' = 'Polygon'
    group by n.id
  )`;

/**
 * Writes `count` cases after the highest case id there is, in batches, and moves the id sequence past
 * them. Needs the org tree with grids, and the case categories.
 */
export async function generateCases(db: Db, opts: CaseDataOptions): Promise<GeneratedCases> {
  if (!Number.isSafeInteger(opts.count) || opts.count < 1) throw new RangeError(`count: ${opts.count}`);
  if (!Number.isSafeInteger(opts.days) || opts.days < 1) throw new RangeError(`days: ${opts.days}`);
  if (!Number.isSafeInteger(opts.seed) || opts.seed < 0) throw new RangeError(`seed: ${opts.seed}`);
  const categories = rowsOf<{ id: number; code: string }>(
    await db.execute(sql`select id, code from case_categories where active order by id`),
  );
  if (categories.length === 0) throw new Error('no case categories: seed them first');
  const ids = new Map(categories.map((c) => [c.code, Number(c.id)]));
  const slots = categorySlots(ids, Number(categories.at(-1)!.id));
  const [top] = rowsOf<{ max: string | number | null }>(
    await db.execute(sql`select max(id) as max from cases`),
  );
  const firstId = Number(top?.max ?? 0) + 1;
  const lastId = firstId + opts.count - 1;
  const batch = opts.batch ?? 1_000_000;
  const asOf = opts.asOf.getTime();
  for (let from = firstId; from <= lastId; from += batch) {
    const to = Math.min(lastId, from + batch - 1);
    await db.execute(
      sql.raw(`
      with ${LOOKUPS}, ${GRID_EXTRAS(opts.seed)},
      base as (${generatedBase(opts, from, to, firstId, slots)})
      insert into cases (${CASE_COLUMNS.join(', ')})
      select ${caseValues(asOf)}
      from ${timeline('select * from base')}
      ${stateAt(asOf)}`),
    );
    opts.onProgress?.(to - firstId + 1);
  }
  await db.execute(sql`select setval(pg_get_serial_sequence('cases', 'id'), ${lastId})`);
  return { firstId, lastId };
}
