// Shipped checklists for premises: branch hall (营业网点), vault (金库), ATM — from G §3.1(3) 营业网点检查
// and 金库检查, G §3.2(2) 物理安全 / 消防安全, and the protection measures of G §2 (bulletproof glass,
// alarms, cameras, exits).
import { item, section, type ShippedTemplate } from './define.ts';

export const BUSINESS_HALL: ShippedTemplate = {
  kind: 'business_hall',
  name: '营业网点安全检查表',
  nameEn: 'Branch security checklist',
  description: '营业网点定期全面安全检查（每月至少一次）。',
  sections: [
    section('技防设施', 'Technical protection', [
      item('alarm', ['检查报警系统是否正常工作', 'Check that the alarm system works'], ['入侵报警、紧急报警装置布撤防正常，触发后能及时报至监控中心，报警记录完整', 'Intrusion and panic alarms arm and disarm correctly, a trigger reaches the monitoring centre at once, the alarm log is complete'], 'technical', 'physical', 'major'),
      item('cctv_coverage', ['验证监控设备覆盖范围是否满足需求', 'Verify that camera coverage meets the requirements'], ['营业厅、柜台、出入口、现金区和自助区全覆盖，无盲区，画面清晰', 'Hall, counters, entrances, cash area and self-service area fully covered, no blind spots, clear images'], 'onsite', 'physical', 'significant'),
      item('cctv_recording', ['监控录像连续、可回放', 'Camera recordings are continuous and can be played back'], ['录像无中断，保存期限符合规定，抽查回放正常', 'No gaps in recording, kept for the required period, a spot check plays back'], 'technical', 'physical', 'significant'),
      item('bulletproof_glass', ['防弹玻璃、柜台防护设施完好', 'Bulletproof glass and counter protection intact'], ['防弹玻璃无裂损，柜台封闭，传递口、防护门完好并关闭', 'Bulletproof glass undamaged, counters enclosed, pass-through and protective doors intact and closed'], 'onsite', 'physical', 'significant'),
    ]),
    section('物防与现金', 'Physical protection and cash', [
      item('doors_locks', ['门窗、锁具完好', 'Doors, windows and locks intact'], ['门窗无破损，锁具有效，营业结束后按规定上锁', 'Doors and windows undamaged, locks work, everything locked after business hours as required'], 'onsite', 'physical', 'general'),
      item('exits_clear', ['通道、安全出口畅通', 'Passages and emergency exits clear'], ['通道、安全出口无堆物、未封堵，疏散指示和应急照明正常', 'Passages and exits free of obstacles and not blocked, evacuation signs and emergency lights working'], 'onsite', 'fire', 'significant'),
      item('cash_limits', ['核查现金库存是否符合安全标准', 'Check that cash held meets the safety standard'], ['柜面现金不超过核定限额，尾箱按规定入库保管，交接登记完整', 'Counter cash within the approved limit, cash boxes stored as required, handovers recorded'], 'documents', 'physical', 'significant'),
    ]),
    section('消防设施', 'Fire safety', [
      item('fire_equipment', ['检查消防设施是否齐全且符合规定', 'Check that fire equipment is complete and compliant'], ['灭火器、消火栓按规定配置，在有效期内，压力正常，位置醒目', 'Extinguishers and hydrants provided as required, in date, pressure normal, easy to find'], 'onsite', 'fire', 'significant'),
    ]),
    section('制度与人员', 'Rules and people', [
      item('duty_log', ['值班与交接班记录完整', 'Duty and handover logs complete'], ['值班表、值班日志、交接班记录按日填写并签字', 'Roster, duty log and handover records filled in daily and signed'], 'documents', 'personnel', 'general'),
      item('staff_training', ['人员安全教育到位', 'Staff security training done'], ['员工参加安全培训并有记录，熟悉报警和应急处置程序', 'Staff trained with records kept, and know the alarm and emergency procedures'], 'documents', 'personnel', 'general'),
      item('emergency_plan', ['应急预案齐备并按期演练', 'Emergency plans in place and drilled'], ['防抢、防盗、消防预案齐全，演练记录完整', 'Robbery, theft and fire plans complete, drills recorded'], 'documents', 'other', 'general'),
    ]),
  ],
};

export const VAULT: ShippedTemplate = {
  kind: 'vault',
  name: '金库安全检查表',
  nameEn: 'Vault security checklist',
  description: '金库出入控制、库存和安全设施检查。',
  sections: [
    section('出入控制', 'Access control', [
      item('access_control', ['核查金库门禁系统设置是否严密', 'Check that the vault access control is tight'], ['门禁授权仅限指定人员，双人开启，出入记录完整', 'Access granted to named people only, opened by two people together, entries recorded'], 'technical', 'physical', 'major'),
      item('keys_codes', ['库门钥匙、密码分人保管', 'Vault keys and codes held by different people'], ['钥匙和密码分别由专人保管，交接登记，不得一人同时掌握', 'Keys and codes held separately by named people, handovers recorded, never both with one person'], 'documents', 'personnel', 'major'),
      item('entry_register', ['出入库登记完整', 'Vault entry register complete'], ['出入库时间、人员、事由逐项登记并签字', 'Time, people and purpose of every entry recorded and signed'], 'documents', 'personnel', 'significant'),
    ]),
    section('库存管理', 'Stock', [
      item('items_placement', ['检查金库内保管物品的摆放是否符合规定', 'Check that items in the vault are placed as required'], ['现金、重要凭证、贵重物品分类定位存放，标识清楚', 'Cash, key documents and valuables stored by kind in fixed places, clearly labelled'], 'onsite', 'physical', 'general'),
      item('cash_matches', ['验证库存现金与系统记录是否一致', 'Verify that cash in the vault matches the system'], ['实物库存与账面、系统记录逐项核对一致', 'Physical stock agrees item by item with the books and the system'], 'documents', 'physical', 'major'),
    ]),
    section('安全设施', 'Security facilities', [
      item('alarm_cameras', ['检查金库安全设施（报警装置、监控摄像头等）是否完好有效', 'Check that vault alarms and cameras are intact and working'], ['报警装置测试正常并联网，摄像头无遮挡、画面清晰、录像完整', 'Alarms test correctly and are connected, cameras unobstructed with clear images and complete recordings'], 'technical', 'physical', 'major'),
      item('structure', ['库门、墙体及通风口防护完好', 'Vault door, walls and vents intact'], ['库门、墙体无破损，通风口、管线口有防护网', 'Door and walls undamaged, vents and cable openings protected'], 'onsite', 'physical', 'major'),
      item('fire', ['金库消防器材齐全有效', 'Vault fire equipment complete and valid'], ['配备适用的灭火器材并在有效期内', 'Suitable extinguishers provided and in date'], 'onsite', 'fire', 'significant'),
      item('humidity', ['库内温湿度和防潮措施符合要求', 'Vault temperature, humidity and damp protection'], ['温湿度正常，无渗水、霉变', 'Temperature and humidity normal, no leaks or mould'], 'onsite', 'physical', 'general'),
    ]),
  ],
};

export const ATM: ShippedTemplate = {
  kind: 'atm',
  name: 'ATM 自助设备安全检查表',
  nameEn: 'ATM security checklist',
  description: '在行式和离行式 ATM 及自助区安全检查。',
  sections: [
    section('设备与环境', 'Machine and surroundings', [
      item('skimming', ['无加装读卡器、摄像头等可疑装置', 'No added card readers, cameras or other suspicious devices'], ['插卡口、键盘、出钞口及周边无异物，防窥罩完好', 'Card slot, keypad, dispenser and surroundings free of foreign objects, keypad shield intact'], 'onsite', 'physical', 'major'),
      item('cctv', ['ATM 监控覆盖并录像清晰', 'ATM covered by cameras with clear recordings'], ['摄像头能看清客户面部和操作区域（不摄录密码），录像完整', 'Cameras show the customer’s face and the work area (not the PIN), recordings complete'], 'technical', 'physical', 'significant'),
      item('safe_lock', ['机具外壳、保险柜及锁具完好', 'Casing, safe and locks intact'], ['外壳无撬痕，保险柜和锁具有效', 'No signs of forcing, safe and locks work'], 'onsite', 'physical', 'significant'),
      item('alarm', ['防撬、震动报警装置正常', 'Tamper and vibration alarms working'], ['报警测试能报至监控中心', 'A test alarm reaches the monitoring centre'], 'technical', 'physical', 'significant'),
      item('lighting', ['自助区照明、一米线等设施完好', 'Lighting and queue line in the self-service area intact'], ['照明正常，一米线、安全提示清楚', 'Lighting works, queue line and safety notices clear'], 'onsite', 'physical', 'general'),
    ]),
    section('运营管理', 'Operations', [
      item('cash_loading', ['加钞、清机双人操作并登记', 'Cash loading done by two people and recorded'], ['加钞、清机至少两人在场，交接登记签字', 'At least two people present when loading, handover recorded and signed'], 'documents', 'personnel', 'significant'),
      item('notices', ['安全提示和客服电话张贴清晰', 'Safety notices and the service number clearly posted'], ['防诈骗提示、客服电话清晰可见', 'Anti-fraud notices and the service number clearly visible'], 'onsite', 'other', 'general'),
      item('fault_log', ['故障、吞卡处理登记完整', 'Faults and retained cards recorded'], ['故障报修、吞卡处理有登记和交接', 'Fault reports and retained cards recorded with handovers'], 'documents', 'other', 'general'),
      item('patrol', ['离行式 ATM 按规定巡查', 'Off-site ATMs patrolled as required'], ['巡查记录完整，发现问题及时报告', 'Patrol records complete, problems reported at once'], 'documents', 'physical', 'general'),
    ]),
  ],
};
