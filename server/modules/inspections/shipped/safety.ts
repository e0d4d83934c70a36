// Shipped checklists for fire safety (消防) and personnel safety (人员安全) — from G §3.2(2) 消防安全 and
// 人员安全, G §5.2 (staff security education) and G §6.1 (certified security staff).
import { item, section, type ShippedTemplate } from './define.ts';

export const FIRE: ShippedTemplate = {
  kind: 'fire',
  name: '消防安全检查表',
  nameEn: 'Fire safety checklist',
  description: '消防设施、通道、用电和消防管理检查。',
  sections: [
    section('消防设施', 'Fire equipment', [
      item('facilities', ['消防设施齐全、完好', 'Fire facilities complete and intact'], ['按规定配置消防设施，无损坏、无挪用', 'Facilities provided as required, undamaged and not moved elsewhere'], 'onsite', 'fire', 'significant'),
      item('extinguishers', ['消防器材充足、有效', 'Fire extinguishers sufficient and valid'], ['灭火器数量足够，在有效期内，压力正常', 'Enough extinguishers, in date, pressure normal'], 'onsite', 'fire', 'significant'),
      item('alarm_sprinkler', ['火灾报警和自动灭火系统正常', 'Fire alarm and automatic suppression working'], ['烟感、报警主机、喷淋测试正常', 'Smoke detectors, alarm panel and sprinklers test correctly'], 'technical', 'fire', 'major'),
      item('emergency_lighting', ['应急照明和疏散指示正常', 'Emergency lighting and exit signs working'], ['断电测试应急照明亮起，疏散指示清楚', 'Emergency lights come on in a power-cut test, exit signs clear'], 'onsite', 'fire', 'general'),
    ]),
    section('通道与用电', 'Passages and electricity', [
      item('passages', ['消防通道畅通', 'Fire escape routes clear'], ['消防通道、安全出口无堆物、未上锁', 'Escape routes and exits free of obstacles and not locked'], 'onsite', 'fire', 'major'),
      item('electrical', ['用电安全', 'Electrical safety'], ['线路无裸露老化，无私拉乱接，无违规使用大功率电器', 'No exposed or worn wiring, no improvised connections, no prohibited high-power appliances'], 'onsite', 'fire', 'significant'),
      item('flammables', ['无违规存放易燃易爆物品', 'No flammable or explosive items stored against the rules'], ['营业和办公区域无易燃易爆物品', 'No flammable or explosive items in business and office areas'], 'onsite', 'fire', 'major'),
    ]),
    section('消防管理', 'Fire management', [
      item('training', ['员工会用灭火器、熟悉疏散路线', 'Staff can use extinguishers and know the escape routes'], ['抽查员工能正确使用灭火器并说明疏散路线', 'Spot-checked staff use an extinguisher correctly and describe the escape route'], 'onsite', 'personnel', 'general'),
      item('drills', ['消防演练按计划开展并记录', 'Fire drills held as planned and recorded'], ['演练记录和评估完整', 'Drill records and evaluations complete'], 'documents', 'fire', 'general'),
      item('check_log', ['消防设施检查记录完整', 'Fire equipment check log complete'], ['每月检查记录并签字', 'Monthly checks recorded and signed'], 'documents', 'fire', 'general'),
    ]),
  ],
};

export const PERSONNEL: ShippedTemplate = {
  kind: 'personnel',
  name: '人员安全检查表',
  nameEn: 'Personnel security checklist',
  description: '人员安全教育、岗位职责和行为规范检查。',
  sections: [
    section('教育与职责', 'Training and duties', [
      item('education', ['人员安全教育到位', 'Security education done'], ['年度培训按计划开展，参训记录完整', 'Yearly training held as planned, attendance recorded'], 'documents', 'personnel', 'general'),
      item('duties', ['人员岗位职责明确', 'Duties of each post clear'], ['岗位职责成文并告知本人', 'Post duties written down and made known to the holder'], 'documents', 'personnel', 'general'),
      item('new_staff', ['新员工上岗前完成安全培训', 'New staff trained before starting work'], ['新入职人员培训记录齐全', 'Training records complete for new staff'], 'documents', 'personnel', 'general'),
      item('certified', ['安保人员持证上岗', 'Security staff certified'], ['保安、监控员证书有效', 'Guard and monitor certificates valid'], 'documents', 'personnel', 'significant'),
    ]),
    section('行为规范', 'Conduct', [
      item('no_violations', ['无违规操作行为', 'No rule-breaking operations'], ['现场抽查未发现违规操作', 'No rule-breaking found in an on-site spot check'], 'onsite', 'personnel', 'significant'),
      item('on_duty', ['值班人员在岗，交接班记录完整', 'Duty staff at their posts, handovers recorded'], ['值班人员在岗在位，交接班双方签字', 'Duty staff present, both sides sign each handover'], 'onsite', 'personnel', 'significant'),
      item('confidentiality', ['接触客户信息人员已签订保密协议', 'Staff handling customer data signed confidentiality agreements'], ['保密协议齐全且在有效期内', 'Agreements complete and current'], 'documents', 'personnel', 'significant'),
      item('leavers', ['离岗人员账户、钥匙及时收回', 'Accounts and keys of leavers taken back at once'], ['离岗、调岗人员账户已停用，钥匙、门禁卡已收回', 'Accounts of leavers and movers disabled, keys and access cards returned'], 'documents', 'personnel', 'major'),
    ]),
  ],
};
