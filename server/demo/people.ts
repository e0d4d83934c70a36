// The demo cooperative's units, sites and people (fixed usernames per the foundation issue).
import type { OrgKind, SiteKind } from '../db/schema/orgs.ts';
import type { BuiltinRole } from '../platform/access/catalogue.ts';

export interface DemoUnit {
  key: string;
  parent: string | null;
  kind: OrgKind;
  name: string;
  shortName?: string;
  code: string;
  address?: string;
}

export const DEMO_UNITS: DemoUnit[] = [
  { key: 'province', parent: null, kind: 'province_union', name: '示范省农村信用社联合社', shortName: '省联社', code: 'SFS', address: '示范省省城金融街 1 号' },
  { key: 'county', parent: 'province', kind: 'county_union', name: '示范县农村信用合作联社', shortName: '县联社', code: 'SFX', address: '示范县人民路 88 号' },
  { key: 'security', parent: 'county', kind: 'department', name: '安全保卫部', code: 'SFX-BWB' },
  { key: 'it', parent: 'county', kind: 'department', name: '信息科技部', code: 'SFX-KJB' },
  { key: 'office', parent: 'county', kind: 'department', name: '综合办公室', code: 'SFX-BGS' },
  { key: 'audit', parent: 'county', kind: 'department', name: '稽核审计部', code: 'SFX-JHB' },
  { key: 'b1', parent: 'county', kind: 'branch', name: '城关信用社', code: 'SFX-001', address: '示范县城关镇解放路 12 号' },
  { key: 'b2', parent: 'county', kind: 'branch', name: '东街信用分社', code: 'SFX-002', address: '示范县东街 36 号' },
  { key: 'b3', parent: 'county', kind: 'branch', name: '西城信用分社', code: 'SFX-003', address: '示范县西城路 5 号' },
  { key: 'b4', parent: 'county', kind: 'branch', name: '南关信用社', code: 'SFX-004', address: '示范县南关镇建设街 20 号' },
  { key: 'b5', parent: 'county', kind: 'branch', name: '北郊信用社', code: 'SFX-005', address: '示范县北郊乡政府路 3 号' },
  { key: 'b6', parent: 'county', kind: 'branch', name: '新区信用分社', code: 'SFX-006', address: '示范县新区世纪大道 101 号' },
];

export const DEMO_SITES: Array<{ unit: string; kind: SiteKind; name: string; location?: string }> = [
  { unit: 'county', kind: 'vault', name: '县联社金库', location: '联社办公楼负一层' },
  { unit: 'it', kind: 'machine_room', name: '中心机房', location: '联社办公楼五层' },
  { unit: 'security', kind: 'monitoring_room', name: '安防监控中心', location: '联社办公楼一层东侧' },
  { unit: 'office', kind: 'dormitory', name: '职工宿舍', location: '联社后院 2 号楼' },
  { unit: 'b1', kind: 'business_hall', name: '城关信用社营业大厅' },
  { unit: 'b1', kind: 'atm', name: '城关信用社自助银行 ATM', location: '营业厅东侧' },
  { unit: 'b1', kind: 'machine_room', name: '城关信用社网点机房', location: '二楼' },
  { unit: 'b2', kind: 'business_hall', name: '东街分社营业大厅' },
  { unit: 'b2', kind: 'atm', name: '东街分社 ATM', location: '门口左侧' },
  { unit: 'b3', kind: 'business_hall', name: '西城分社营业大厅' },
  { unit: 'b3', kind: 'atm', name: '西城分社 ATM' },
  { unit: 'b4', kind: 'business_hall', name: '南关信用社营业大厅' },
  { unit: 'b5', kind: 'business_hall', name: '北郊信用社营业大厅' },
  { unit: 'b6', kind: 'business_hall', name: '新区分社营业大厅' },
  { unit: 'b6', kind: 'atm', name: '新区广场离行式 ATM', location: '世纪广场南门' },
];

export interface DemoPerson {
  username: string;
  name: string;
  post: string;
  unit: string;
  role?: BuiltinRole;
  /** Unit the role is granted over (default: the county). */
  roleAt?: string;
  status?: 'active' | 'left' | 'transferred';
}

export const DEMO_PEOPLE: DemoPerson[] = [
  { username: 'sysadmin', name: '王建国', post: '系统管理员', unit: 'it', role: 'sysadmin' },
  { username: 'secadmin', name: '李秀英', post: '安全保密管理员', unit: 'office', role: 'secadmin' },
  { username: 'auditor', name: '张志强', post: '安全审计员', unit: 'audit', role: 'auditor' },
  { username: 'head', name: '陈卫东', post: '保卫部负责人', unit: 'security', role: 'security_head' },
  { username: 'officer', name: '杨晓明', post: '安全员', unit: 'security', role: 'security_officer' },
  { username: 'branch1', name: '赵丽华', post: '城关信用社主任', unit: 'b1', role: 'branch_head', roleAt: 'b1' },
  { username: 'branch2', name: '黄海涛', post: '东街分社主任', unit: 'b2', role: 'branch_head', roleAt: 'b2' },
  { username: 'staff1', name: '周敏', post: '综合柜员', unit: 'b1', role: 'staff', roleAt: 'b1' },
  { username: 'guard1', name: '吴强', post: '保安', unit: 'b1', role: 'guard', roleAt: 'b1' },
  { username: 'it1', name: '徐磊', post: '信息科技管理员', unit: 'it', role: 'it_admin' },
  { username: 'leader', name: '孙国庆', post: '理事长', unit: 'county', role: 'leader' },
  { username: 'branch3', name: '马建华', post: '西城分社主任', unit: 'b3', role: 'branch_head', roleAt: 'b3' },
  { username: 'branch4', name: '朱红梅', post: '南关信用社主任', unit: 'b4', role: 'branch_head', roleAt: 'b4' },
  { username: 'branch5', name: '胡志刚', post: '北郊信用社主任', unit: 'b5', role: 'branch_head', roleAt: 'b5' },
  { username: 'branch6', name: '郭静', post: '新区分社主任', unit: 'b6', role: 'branch_head', roleAt: 'b6' },
  { username: 'officer2', name: '林涛', post: '安全员', unit: 'security', role: 'security_officer' },
  { username: 'monitor1', name: '何伟', post: '监控员', unit: 'security', role: 'guard' },
  { username: 'guard2', name: '高峰', post: '保安', unit: 'b2', role: 'guard', roleAt: 'b2' },
  { username: 'patrol1', name: '罗明', post: '巡逻队员', unit: 'security', role: 'guard' },
  { username: 'staff2', name: '郑丽', post: '会计主管', unit: 'b1', role: 'staff', roleAt: 'b1' },
  { username: 'staff3', name: '梁静', post: '综合柜员', unit: 'b2', role: 'staff', roleAt: 'b2' },
  { username: 'staff4', name: '谢军', post: '客户经理', unit: 'b3', role: 'staff', roleAt: 'b3' },
  { username: 'staff5', name: '宋佳', post: '综合柜员', unit: 'b4', role: 'staff', roleAt: 'b4' },
  { username: 'staff6', name: '唐亮', post: '综合柜员', unit: 'b5', role: 'staff', roleAt: 'b5' },
  { username: 'staff7', name: '韩雪', post: '综合柜员', unit: 'b6', role: 'staff', roleAt: 'b6' },
  { username: 'it2', name: '冯伟', post: '网络管理员', unit: 'it', role: 'it_admin' },
  { username: 'leader2', name: '邓建平', post: '主任', unit: 'county', role: 'leader' },
  { username: 'staff8', name: '曹芳', post: '文秘', unit: 'office', role: 'staff', roleAt: 'office' },
  { username: 'staff9', name: '彭飞', post: '出纳', unit: 'b2', role: 'staff', roleAt: 'b2' },
  { username: 'staff10', name: '曾涛', post: '后勤管理员', unit: 'office', role: 'staff', roleAt: 'office' },
  { username: 'former1', name: '蒋文', post: '原综合柜员', unit: 'b3', status: 'left' },
];

/** The demo accounts printed at start. */
export const DEMO_ACCOUNTS = ['sysadmin', 'secadmin', 'auditor', 'head', 'officer', 'branch1', 'branch2', 'staff1', 'guard1', 'it1', 'leader'];
