// The shape of the generated data (issue 4, "Provincial data"): sizes per scale, deterministic ids and
// the closed-form mapping from a record's index to its unit, county, people and number. The SQL bulk
// phases (bulk.ts) and the audit chain (audit-chain.ts) compute the same mapping, so an audit entry
// names the hazard, inspection or person that the tables hold.
import { createHash } from 'node:crypto';

export interface Scale {
  name: 'province' | 'county';
  counties: number;
  /** Branches per county (营业网点). */
  branchesPerCounty: number;
  /** Departments per county (保卫部, 科技部, …). */
  deptsPerCounty: number;
  /** Departments of the provincial union itself. */
  provinceDepts: number;
  people: number;
  hazards: number;
  inspections: number;
  auditEntries: number;
}

export const SCALES: Record<Scale['name'], Scale> = {
  // 80 × (50 + 12) + 40 = 5,000 units; 10 people per unit.
  province: { name: 'province', counties: 80, branchesPerCounty: 50, deptsPerCounty: 12, provinceDepts: 40, people: 50_000, hazards: 1_000_000, inspections: 200_000, auditEntries: 5_000_000 },
  county: { name: 'county', counties: 2, branchesPerCounty: 10, deptsPerCounty: 4, provinceDepts: 2, people: 300, hazards: 10_000, inspections: 2_000, auditEntries: 50_000 },
};

export const ITEMS_PER_INSPECTION = 20;
export const BENCH_USERNAME = 'bench';

/** Units in index order: branches (county = b % C), then county departments (county = d % C, kind = d / C), then provincial departments. */
export class Plan {
  readonly branches: number;
  readonly depts: number;
  readonly units: number;
  readonly perUnit: number;
  constructor(readonly s: Scale) {
    this.branches = s.counties * s.branchesPerCounty;
    this.depts = s.counties * s.deptsPerCounty;
    this.units = this.branches + this.depts + s.provinceDepts;
    this.perUnit = Math.floor((s.people - 1) / this.units);
  }
  /** Person k ≥ 1 sits in unit (k - 1) % units with rank floor((k - 1) / units); person 0 is the bench user. */
  person(unit: number, rank: number): number {
    return 1 + unit + this.units * rank;
  }
  branchHead(b: number): number {
    return this.person(b, 0);
  }
  branchStaff(b: number, i: number): number {
    return this.person(b, 1 + (i % Math.max(1, this.perUnit - 1)));
  }
  /** The county's security department is department d = county (kind 0). */
  countyOfficer(c: number, i: number): number {
    return this.person(this.branches + c, 1 + (i % Math.max(1, this.perUnit - 1)));
  }
  countyHead(c: number): number {
    return this.person(this.branches + c, 0);
  }
  /** Hazard i lies in branch floor(i / 5) % branches; inspection j in branch j % branches (so hazard 5j and inspection j share a branch). */
  hazardBranch(i: number): number {
    return Math.floor(i / 5) % this.branches;
  }
  /** Within its county, hazard i has number (m div C) * 5 + r + 1 where i = 5m + r. */
  hazardNumber(i: number, year: number): string {
    const n = Math.floor(Math.floor(i / 5) / this.s.counties) * 5 + (i % 5) + 1;
    return `YH-${year}-${String(n).padStart(6, '0')}`;
  }
  inspectionNumber(j: number, year: number): string {
    return `JC-${year}-${String(Math.floor(j / this.s.counties) + 1).padStart(6, '0')}`;
  }
}

/** A 20-hex prefix per kind; ids are prefix ‖ 12 hex digits of n: valid, unique, and increasing in n (append-only index inserts). */
export function idPrefix(kind: string): string {
  const h = createHash('md5').update(`anbao-bench-${kind}`).digest('hex');
  return `${h.slice(0, 12)}4${h.slice(13, 16)}8${h.slice(17, 20)}`;
}
const prefixes = new Map<string, string>();
export function uid(kind: string, n: number): string {
  let p = prefixes.get(kind);
  if (!p) prefixes.set(kind, (p = idPrefix(kind)));
  const h = p + n.toString(16).padStart(12, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国志文辉林兰凤洁梅琳斌宇浩凯鹏飞鑫晨欣怡佳雪婷倩慧颖俊峰彬健';
export function personName(k: number): string {
  if (k === 0) return '省联社保卫部（基准测试）';
  const a = SURNAMES[k % SURNAMES.length];
  const b = GIVEN[Math.floor(k / SURNAMES.length) % GIVEN.length];
  const c = GIVEN[Math.floor(k / (SURNAMES.length * GIVEN.length)) % GIVEN.length];
  return `${a}${b}${k >= SURNAMES.length * GIVEN.length ? c : ''}`;
}
export const username = (k: number) => (k === 0 ? BENCH_USERNAME : `u${String(k).padStart(6, '0')}`);

const PLACES = ['城关', '东街', '西城', '南关', '北郊', '新区', '河口', '石桥', '柳林', '杏花', '三里', '高庄', '王集', '李寨', '龙泉', '青山', '白水', '红旗', '太平', '永安'];
const place = (n: number) => `${PLACES[n % PLACES.length]}${n >= PLACES.length ? Math.floor(n / PLACES.length) + 1 : ''}`;
export const countyName = (c: number) => `${place(c)}县农村信用合作联社`;
export const branchName = (b: number, C: number) => `${place(Math.floor(b / C))}信用社`;
export const DEPT_NAMES = ['安全保卫部', '信息科技部', '综合办公室', '稽核审计部', '财务会计部', '风险管理部', '信贷管理部', '人力资源部', '运营管理部', '合规部', '电子银行部', '工会'];

export const HAZARD_TITLES = [
  '营业厅监控录像保存不足90天',
  '金库门禁记录未按日登记',
  '自助设备加钞间无人值守时未落锁',
  '消防器材过期未更换',
  '机房UPS巡检记录缺失',
  '运钞车交接未双人确认',
  '报警系统联网测试不合格',
  '员工安全培训记录不全',
  '网点防尾随门故障',
  '监控盲区：后门通道',
];
export const CATEGORIES = ['physical', 'fire', 'network', 'personnel', 'other'] as const;
