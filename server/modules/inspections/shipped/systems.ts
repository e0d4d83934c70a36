// Shipped checklists for information systems: machine room (计算机房) and network security (网络安全) —
// from G §3.1(3) 计算机房检查, G §3.2(2) 网络安全, and the machine-room rules of C 篇10 (two people in
// the main room, the entry register, air-conditioning tests, UPS charge/discharge once or twice a year)
// and C 篇1 5.2 (device configuration, insecure services, IP allocation).
import { item, section, type ShippedTemplate } from './define.ts';

export const MACHINE_ROOM: ShippedTemplate = {
  kind: 'machine_room',
  name: '计算机房安全检查表',
  nameEn: 'Machine room security checklist',
  description: '计算机房设备运行、信息安全、出入和消防检查。',
  sections: [
    section('设备与环境', 'Equipment and environment', [
      item('hardware', ['检查计算机硬件设备运行状态', 'Check the running state of computer hardware'], ['服务器、网络设备运行指示正常，无告警，运行日志完整', 'Servers and network devices show normal status, no alarms, run logs complete'], 'technical', 'network', 'significant'),
      item('environment', ['确保机房温度、湿度等环境条件符合设备要求', 'Temperature, humidity and other conditions meet the equipment’s needs'], ['温湿度在设备要求范围内，电压稳定，防静电、防尘措施到位', 'Temperature and humidity within range, stable voltage, anti-static and dust measures in place'], 'technical', 'physical', 'significant'),
      item('aircon', ['空调系统性能定期测试并记录', 'Air-conditioning tested regularly and recorded'], ['风量、温升、湿度等指标定期测试，记录完整', 'Airflow, temperature rise, humidity and other readings tested regularly and recorded'], 'documents', 'physical', 'general'),
      item('ups', ['UPS 后备电源工作正常', 'UPS backup power works'], ['电池自检正常，每年充放电一至两次并有记录', 'Battery self-test normal, charged and discharged once or twice a year with records'], 'technical', 'physical', 'significant'),
    ]),
    section('信息安全', 'Information security', [
      item('antivirus_firewall', ['验证防病毒软件及防火墙是否安装并更新至最新版本', 'Verify antivirus and firewall are installed and up to date'], ['防病毒软件、病毒库和防火墙策略为最新版本', 'Antivirus software, signatures and firewall rules are current'], 'technical', 'network', 'significant'),
      item('backup', ['检查数据备份机制是否完善', 'Check that the backup arrangements work'], ['按策略备份并有记录，定期恢复测试，介质异地存放', 'Backups taken per policy and recorded, restores tested regularly, media kept off-site'], 'documents', 'network', 'major'),
      item('security_log', ['系统日志定期审查，无非法入侵记录', 'System logs reviewed, no record of intrusion'], ['登录日志每周审查，发现入侵已登记并保留证据', 'Login logs reviewed weekly, any intrusion registered with evidence kept'], 'technical', 'network', 'major'),
    ]),
    section('出入与消防', 'Access and fire', [
      item('entry_log', ['机房出入登记完整', 'Machine-room entry register kept'], ['《机房出入管理登记簿》记录出入时间、人员和操作内容', 'The entry register records times, people and the work done'], 'documents', 'personnel', 'general'),
      item('two_person', ['进入主机房至少两人在场', 'At least two people present in the main room'], ['登记显示每次进入均有两人以上在场，外来人员有人陪同', 'The register shows two or more people at every entry, visitors escorted'], 'documents', 'personnel', 'significant'),
      item('locked', ['无人值班时人走门锁', 'Locked whenever unattended'], ['机房门锁有效，无人时上锁，钥匙专人保管', 'Door lock works, locked when nobody is inside, keys held by named people'], 'onsite', 'physical', 'general'),
      item('fire_suppression', ['机房灭火装置完好，无易燃物品', 'Fire suppression intact, no flammable items'], ['灭火装置在有效期内，机房内无易燃物、无吸烟饮食', 'Suppression in date, no flammables, no smoking, eating or drinking'], 'onsite', 'fire', 'significant'),
    ]),
  ],
};

export const NETWORK: ShippedTemplate = {
  kind: 'network',
  name: '网络安全检查表',
  nameEn: 'Network security checklist',
  description: '网络设备、安全防护、接入和账户口令检查。',
  sections: [
    section('网络设备', 'Network devices', [
      item('devices_running', ['网络设备运行正常', 'Network devices running normally'], ['交换机、路由器、防火墙运行正常，无告警', 'Switches, routers and firewalls running normally with no alarms'], 'technical', 'network', 'significant'),
      item('config_backup', ['网络设备配置已备份', 'Network device configurations backed up'], ['每台设备配置有最新备份和变更记录', 'Each device has a current configuration backup and change record'], 'documents', 'network', 'general'),
      item('insecure_services', ['已关闭不安全服务', 'Insecure services turned off'], ['HTTP、FTP、TFTP 等不安全服务已关闭，SNMP 团体字为强口令', 'HTTP, FTP, TFTP and similar services off, SNMP community strings strong'], 'technical', 'network', 'significant'),
    ]),
    section('安全防护', 'Protection', [
      item('protection', ['网络安全防护措施完善', 'Network protection measures complete'], ['防火墙、入侵检测策略有效并定期更新', 'Firewall and intrusion-detection rules effective and kept current'], 'technical', 'network', 'major'),
      item('no_intrusion', ['无非法入侵记录', 'No record of intrusion'], ['安全日志审查无未处置的入侵事件', 'Log review shows no unhandled intrusion'], 'technical', 'network', 'major'),
      item('patches', ['系统补丁及时更新并记录', 'Patches applied promptly and recorded'], ['补丁经测试后安装，安装记录完整', 'Patches tested, then installed, installation recorded'], 'technical', 'network', 'significant'),
      item('antivirus_scan', ['病毒扫描至少每周一次', 'Virus scans at least weekly'], ['查杀记录完整，发现病毒已处置并上报', 'Scan records complete, detections removed and reported'], 'documents', 'network', 'significant'),
    ]),
    section('接入与账户', 'Access and accounts', [
      item('ip_register', ['IP 地址分配登记，设备经批准接入', 'IP allocations registered, devices join only with approval'], ['《计算机IP地址分配表》与实际一致，无未经批准的设备接入', 'The IP allocation table matches reality, no unapproved device connected'], 'documents', 'network', 'significant'),
      item('passwords', ['口令符合复杂度要求并定期更换', 'Passwords meet complexity rules and are changed regularly'], ['无弱口令，管理员口令定期更换并登记', 'No weak passwords, administrator passwords changed regularly and recorded'], 'technical', 'network', 'significant'),
      item('operator_codes', ['操作代码一人一码，不共用', 'One operator code per person, never shared'], ['无共用、转借操作代码，调离人员代码已注销', 'No shared or lent codes, codes of people who moved cancelled'], 'documents', 'personnel', 'significant'),
    ]),
  ],
};
