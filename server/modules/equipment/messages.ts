import { defineMessages } from '../../platform/http/i18n.ts';

export const EQUIPMENT_MESSAGES = defineMessages({
  EQUIPMENT_NOT_FOUND: { 'zh-CN': '设施不存在', en: 'Equipment not found' },
  MAINTENANCE_PLAN_NOT_FOUND: { 'zh-CN': '维护计划不存在', en: 'Maintenance plan not found' },
  MAINTENANCE_TASK_NOT_FOUND: { 'zh-CN': '维护任务不存在', en: 'Maintenance task not found' },
  FAULT_NOT_FOUND: { 'zh-CN': '故障工单不存在', en: 'Fault ticket not found' },
  FAULT_SAME_PERSON_CANNOT_VERIFY: {
    'zh-CN': '验收须由维修人和报告人以外的人员进行（{who}）',
    en: 'Verification must be done by someone other than the person who fixed or reported it ({who})',
  },
  EQUIPMENT_HAS_OPEN_FAULTS: { 'zh-CN': '该设施有未关闭的故障工单，不能改为此状态', en: 'The equipment has open fault tickets; it cannot take this status' },
  EQUIPMENT_RETIRED: { 'zh-CN': '设施已报废', en: 'The equipment is retired' },
  EXPIRY_BEFORE_INSTALL: { 'zh-CN': '到期日期不能早于安装日期', en: 'The expiry date cannot be before the installation date' },
  ASSIGNEE_NOT_ELIGIBLE: { 'zh-CN': '责任人须为该单位范围内的在岗人员', en: 'The person must be an active person of that unit' },
  ONLY_ASSIGNEE_CAN_COMPLETE: { 'zh-CN': '只有任务责任人或设施管理人员可以完成该任务', en: 'Only the assignee or an equipment manager can complete this task' },
  ONLY_ASSIGNEE_CAN_FIX: { 'zh-CN': '只有被指派的维修人员可以提交维修结果', en: 'Only the assigned person can submit the repair' },
  READINGS_REQUIRED: { 'zh-CN': '请填写读数（{fields}）', en: 'Enter the readings ({fields})' },
  FAULT_DESCRIPTION_REQUIRED: { 'zh-CN': '发现故障时请填写故障情况', en: 'Describe the fault that was found' },
  'equipment.task_due_soon': { 'zh-CN': '设施维护任务将于 {due} 到期：{number} {name}（{type}）', en: 'Maintenance due on {due}: {number} {name} ({type})' },
  'equipment.task_overdue': { 'zh-CN': '设施维护任务已逾期：{number} {name}（{type}），应于 {due} 完成', en: 'Maintenance overdue: {number} {name} ({type}), was due {due}' },
  'equipment.expiring': { 'zh-CN': '设施将于 {expires} 到期（{days} 天后）：{number} {name}（{unit}）', en: 'Equipment expires on {expires} (in {days} days): {number} {name} ({unit})' },
  'equipment.expired': { 'zh-CN': '设施已过期（{expires}）：{number} {name}（{unit}）', en: 'Equipment expired on {expires}: {number} {name} ({unit})' },
  'equipment.fault_reported': { 'zh-CN': '设施故障待派单：{number} {name}', en: 'Equipment fault to assign: {number} {name}' },
  'equipment.fault_assigned': { 'zh-CN': '设施故障待维修：{number} {name}', en: 'Equipment fault to repair: {number} {name}' },
  'equipment.fault_fixed': { 'zh-CN': '设施维修待验收：{number} {name}', en: 'Repair to verify: {number} {name}' },
  'equipment.fault_reopened': { 'zh-CN': '设施维修验收未通过，请继续维修：{number} {name}', en: 'Repair not accepted, continue: {number} {name}' },
});
